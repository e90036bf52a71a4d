"""app.fields: the reasons a validator collects beside each field, raised together."""

from __future__ import annotations

import pytest

from app.errors import InvalidRecord, ValidationError
from app.fields import Fields


def parse_age(text):
    if not str(text).isdigit():
        raise ValidationError("年龄应是数字", "age")
    return int(text)


def test_each_rule_keeps_its_reason_beside_its_field_and_all_are_raised_at_once():
    f = Fields()
    assert f.rule("name", "", "请填写姓名") is False
    assert f.rule("sex", "男", "请选择性别") is True
    assert f.check("age", parse_age, "七十") is None
    assert f.whole("need", "25", 1, 20, "需要人数应为 1 到 20", default=1) == 1
    assert f.known("tags", ["讲师", "歌手"], ["顾问", "讲师"], lambda u: f"未知的标签：{'、'.join(u)}") == ["讲师"]
    assert "name" in f and "sex" not in f
    with pytest.raises(InvalidRecord) as caught:
        f.raise_if_any()
    assert caught.value.errors == {"name": "请填写姓名", "age": "年龄应是数字", "need": "需要人数应为 1 到 20",
                                   "tags": "未知的标签：歌手"}


def test_first_takes_the_first_failing_rule_and_later_refusals_replace_earlier_ones():
    f = Fields()
    assert f.first("name", (False, "请填写姓名"), (True, "姓名太长"), (True, "重名")) is False
    assert f.errors == {"name": "姓名太长"}
    f.refuse("name", "已经有这个人")
    f.refuse_first("name", "不会替换")
    assert f.errors == {"name": "已经有这个人"}


def test_merge_adds_a_records_reasons_without_replacing_what_was_found_before():
    def record():
        raise InvalidRecord({"name": "姓名不能为空", "phone": "电话号码格式不对"})

    f = Fields({"phone": "手机号应为11位"})
    assert f.merge(record) is None
    assert f.errors == {"phone": "手机号应为11位", "name": "姓名不能为空"}


def test_nothing_refused_raises_nothing():
    f = Fields()
    assert f.check("age", parse_age, "72") == 72
    assert not f
    f.raise_if_any()
