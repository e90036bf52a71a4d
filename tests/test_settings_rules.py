"""The settings a director changes: checked with reasons in Chinese, stored audited, read back by the features."""

from __future__ import annotations

import pytest

from app import aid_groups, rota, settings_rules, timebank, visits
from app.db.audit import history
from app.db.settings import get_setting
from app.errors import InvalidRecord


def test_defaults_before_anything_is_stored(fresh_db, db_path):
    values = settings_rules.current(fresh_db, db_path)
    assert values["branch_name"] == "老年服务部党支部"
    assert values["backup_folder"] == str(db_path.parent.resolve() / "备份")
    assert values["elderly_age"] == 80 and values["text_scale"] == 1.0 and values["language"] == "zh_CN"
    assert [name for name, _ in values["timebank_levels"]] == ["白金", "黄金", "铂金", "钻石", "皇冠"]
    assert values["visit_hours"] == 1.0 and values["desk_open_on_holidays"] is False


def test_saved_settings_reach_the_features_and_are_audited(fresh_db, db_path):
    levels = [["一星", 10], ["二星", 20], ["三星", 40], ["四星", 80], ["五星", 160]]
    changed = settings_rules.save(fresh_db, db_path, {
        "elderly_age": "75", "timebank_levels": levels, "visit_hours": "1.5", "desk_open_on_holidays": True,
        "aid_must_cover": [{"situation": "空巢", "min_age": 85}, {"situation": "特困"}],
    }, actor="主任")
    assert set(changed) == {"elderly_age", "timebank_levels", "visit_hours", "desk_open_on_holidays", "aid_must_cover"}
    assert visits.setting(fresh_db, "elderly_age") == 75
    assert timebank.levels(fresh_db)[0] == ("一星", 10.0)
    assert rota.desk_open_on_holidays(fresh_db) is True
    # 特困 is tried first, whatever order the boxes were ticked in.
    assert aid_groups.must_cover_rules(fresh_db) == [{"situation": "特困"}, {"situation": "空巢", "min_age": 85}]
    row_id = fresh_db.execute("SELECT id FROM setting WHERE key = 'visit_hours'").fetchone()[0]
    assert [h["actor"] for h in history(fresh_db, "setting", row_id)] == ["主任"]


def test_unchanged_defaults_are_not_written_but_names_are(fresh_db, db_path):
    values = settings_rules.current(fresh_db, db_path)
    values["club_name"] = "胜北党员服务社"
    changed = settings_rules.save(fresh_db, db_path, values, actor="主任")
    assert set(changed) == {"club_name", "branch_name", "backup_folder"}
    assert get_setting(fresh_db, "branch_name") == "老年服务部党支部"
    assert (db_path.parent / "备份").is_dir()
    assert settings_rules.save(fresh_db, db_path, values, actor="主任") == []


@pytest.mark.parametrize("levels, reason", [
    ([["白金", 100], ["黄金", 300], ["铂金", 300], ["钻石", 1000], ["皇冠", 1500]], "第 3 级（铂金）的小时数应比第 2 级（黄金）多"),
    ([["白金", 0], ["黄金", 300], ["铂金", 600], ["钻石", 1000], ["皇冠", 1500]], "第 1 级的小时数应大于 0"),
    ([["白金", 100], ["", 300], ["铂金", 600], ["钻石", 1000], ["皇冠", 1500]], "第 2 级还没有名称"),
    ([["白金", 100], ["黄金", "三百"], ["铂金", 600], ["钻石", 1000], ["皇冠", 1500]], "第 2 级的小时数应是数字"),
    ([["白金", 100], ["白金", 300], ["铂金", 600], ["钻石", 1000], ["皇冠", 1500]], "第 2 级的名称“白金”和前面的重复了"),
])
def test_levels_must_be_named_positive_and_rising(fresh_db, db_path, levels, reason):
    with pytest.raises(InvalidRecord) as caught:
        settings_rules.save(fresh_db, db_path, {"timebank_levels": levels, "elderly_age": 70}, actor="主任")
    assert caught.value.errors == {"timebank_levels": reason}
    # Nothing at all is written when anything is wrong.
    assert get_setting(fresh_db, "elderly_age") is None and get_setting(fresh_db, "timebank_levels") is None


def test_every_bad_value_has_its_reason(fresh_db, db_path):
    with pytest.raises(InvalidRecord) as caught:
        settings_rules.save(fresh_db, db_path, {"club_name": "  ", "elderly_age": "八十", "visit_hours": "0",
                                                 "report_overdue_days": 0, "text_scale": 3, "backup_folder": "备份"},
                            actor="主任")
    assert set(caught.value.errors) == {"club_name", "elderly_age", "visit_hours", "report_overdue_days", "text_scale",
                                        "backup_folder"}
    assert caught.value.errors["elderly_age"] == "请填写 60 到 120 之间的整数"


def test_a_backup_folder_that_cannot_be_written_is_refused(fresh_db, db_path, tmp_path):
    # A plain file where a folder should be: refused for every user, root included.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(InvalidRecord) as caught:
        settings_rules.save(fresh_db, db_path, {"backup_folder": str(blocker / "备份")}, actor="主任")
    assert "不能写入" in caught.value.errors["backup_folder"]
    assert get_setting(fresh_db, "backup_folder") is None
    usb = tmp_path / "U盘" / "服务社备份"
    assert settings_rules.save(fresh_db, db_path, {"backup_folder": str(usb)}, actor="主任") == ["backup_folder"]
    assert usb.is_dir() and list(usb.iterdir()) == []
    assert settings_rules.backup_folder(fresh_db, db_path) == usb
