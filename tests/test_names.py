"""Chinese names: what the search looks in and where a name sorts (app.names)."""

from __future__ import annotations

import pytest

from app.names import readings, search_text, sort_key


@pytest.mark.parametrize(
    "name, must_contain, sorts_as",
    [
        ("张三丰", ["张三丰", "zhangsanfeng", "zsf"], "zhang san feng"),
        ("单雄信", ["shanxiongxin", "sxx", "danxiongxin", "dxx"], "shan xiong xin"),
        ("曾国藩", ["zengguofan", "zgf", "cengguofan", "cgf"], "zeng guo fan"),
        ("解缙", ["xiejin", "xj", "jiejin", "jj"], "xie jin"),
        ("仇英", ["qiuying", "qy", "chouying", "cy"], "qiu ying"),
        ("覃明", ["qinming", "qm", "tanming", "tm"], "qin ming"),
        ("区小红", ["ouxiaohong", "oxh", "quxiaohong", "qxh"], "ou xiao hong"),
        ("查良镛", ["zhaliangyong", "zly", "chaliangyong", "cly"], "zha liang yong"),
        ("欧阳修", ["ouyangxiu", "oyx"], "ou yang xiu"),
        ("尉迟恭", ["yuchigong", "ycg"], "yu chi gong"),
    ],
)
def test_search_text_and_sort_key(name, must_contain, sorts_as):
    words = search_text(name).split(" ")
    assert words[0] == name
    for word in must_contain:
        assert word in words
    assert sort_key(name) == f"{sorts_as}\t{name}"


def test_search_text_has_no_repeats():
    words = search_text("张三丰").split(" ")
    assert words == ["张三丰", "zhangsanfeng", "zsf"]


def test_letters_and_digits_in_a_name_are_kept_lower_case():
    assert search_text("李娜B") == "李娜b linab lnb"


def test_a_blank_name_has_no_readings():
    assert readings("  ") == []
    assert search_text("") == ""


def test_names_sort_in_pinyin_order():
    shuffled = ["张伟", "曾国藩", "陈明", "单雄信", "查良镛", "区小红", "张丽", "阿明", "王秀英", "欧阳修",
                "覃明", "仇英", "张三丰", "解缙"]
    expected = ["阿明", "陈明", "区小红", "欧阳修", "覃明", "仇英", "单雄信", "王秀英", "解缙", "曾国藩",
                "查良镛", "张丽", "张三丰", "张伟"]
    assert sorted(shuffled, key=sort_key) == expected


def test_the_same_pinyin_sorts_by_character_so_the_order_is_total():
    a, b = sort_key("张伟"), sort_key("章伟")
    assert a.split("\t")[0] == b.split("\t")[0] == "zhang wei"
    assert a != b
