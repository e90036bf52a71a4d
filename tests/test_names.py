"""Chinese names: the words the search finds a name by, how typed text is read, and where a name sorts (app.names)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from app.names import SURNAME_READINGS, plain, readings, search_term, search_text, search_words, simplified, sort_key

README = Path(__file__).resolve().parent.parent / "README.md"


def finds(name: str, typed: str) -> bool:
    """Whether the term as typed begins one of the name's words: what the search (index or scan) tests."""
    return any(word.startswith(search_term(typed)) for word in search_words(name))


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
        ("尉迟恭", ["yuchigong", "ycg", "weichigong", "wcg"], "yu chi gong"),
    ],
)
def test_search_words_and_sort_key(name, must_contain, sorts_as):
    words = search_words(name)
    assert words[0] == name
    for word in must_contain:
        assert word in words
    assert sort_key(name) == f"{sorts_as}\t{name}"


def test_a_name_is_found_from_any_character_any_syllable_and_any_initial():
    assert search_words("张三丰") == ["张三丰", "三丰", "丰", "zhangsanfeng", "sanfeng", "feng", "zsf", "sf"]
    for typed in ("张三", "三丰", "丰", "zhang", "zhangsan", "sanf", "feng", "zs", "zsf", "sf", "f"):
        assert finds("张三丰", typed), typed
    # Inside a syllable is not where anyone starts typing: "ang" would find every 张, 王, 杨 and 黄.
    for typed in ("ang", "hangsan", "anfeng", "sanfengx", "zf"):
        assert not finds("张三丰", typed), typed


def test_the_stored_text_puts_a_space_before_every_word():
    assert search_text("张三丰") == " 张三丰 三丰 丰 zhangsanfeng sanfeng feng zsf sf"
    assert search_text("") == ""


def test_letters_and_digits_in_a_name_are_kept_lower_case():
    assert search_words("李娜B")[:3] == ["李娜b", "娜b", "b"]
    assert "linab" in search_words("李娜B") and "lnb" in search_words("李娜B")


def test_a_blank_name_has_no_readings():
    assert readings("  ") == []
    assert search_words("") == []


@pytest.mark.parametrize("typed", ["maimaitiaili", "mmtal", "买买提艾力", "买买提•艾力", "买买提·艾力", "买买提．艾力",
                                   "买买提・艾力", "艾力", "aili", "al", "maimaiti", "mmt", "買買提·艾力"])
def test_a_name_with_a_middle_dot_is_found_with_or_without_it_and_by_each_part(typed):
    assert finds("买买提·艾力", typed)


@pytest.mark.parametrize("written", ["买买提·艾力", "买买提•艾力", "买买提．艾力", "买买提・艾力"])
def test_every_kind_of_middle_dot_in_the_roster_is_found_by_the_plain_name(written):
    assert finds(written, "买买提艾力") and finds(written, "mmtal")


@pytest.mark.parametrize("stored, typed", [("張三豐", "张三丰"), ("张三丰", "張三豐"), ("陳建國", "陈建国"),
                                           ("陈建国", "陳建國"), ("陳建國", "建国"), ("歐陽鋒", "欧阳"),
                                           ("陳建國", "cjg"), ("張三豐", "zhangsanfeng")])
def test_simplified_and_traditional_characters_find_each_other(stored, typed):
    assert finds(stored, typed)


def test_simplified_converts_character_by_character_and_leaves_ascii_alone():
    assert simplified("張三豐") == "张三丰"
    assert simplified("陳建國") == "陈建国"
    # A part converts as it does inside the whole name, so typing part of a name finds it.
    assert simplified("張乾") == simplified("張") + simplified("乾")
    assert simplified("zsf 1234") == "zsf 1234"


def test_typed_text_is_read_as_stored_words_are():
    assert search_term("買買提•艾力") == "买买提艾力"
    assert search_term("ZHANG") == "zhang"
    assert search_term("xi'an") == "xian"


@pytest.mark.parametrize(
    "name, surname_reading, everyday_reading",
    [
        ("尉迟恭", "yuchigong", "weichigong"), ("长孙无忌", "zhangsunwuji", "changsunwuji"),
        ("万俟卨", "moqixie", "wansixie"), ("单于明", "chanyuming", "danyuming"), ("澹台明", "tantaiming", "dantaiming"),
        ("都明", "duming", "douming"), ("蔚华", "yuhua", "weihua"), ("隗明", "weiming", "kuiming"),
        ("重阳", "chongyang", "zhongyang"), ("单雄信", "shanxiongxin", "danxiongxin"), ("曾国藩", "zengguofan", "cengguofan"),
        ("解缙", "xiejin", "jiejin"), ("仇英", "qiuying", "chouying"), ("覃明", "qinming", "tanming"),
        ("区小红", "ouxiaohong", "quxiaohong"), ("查良镛", "zhaliangyong", "chaliangyong"),
    ],
)
def test_surnames_are_found_by_both_readings_in_full_and_by_initials(name, surname_reading, everyday_reading):
    words = search_words(name)
    for reading in (surname_reading, everyday_reading):
        assert reading in words
    for reading in (surname_reading, everyday_reading):
        syllables = readings(name)[[("".join(r)) for r in readings(name)].index(reading)]
        assert "".join(s[0] for s in syllables) in words


def test_a_compound_surname_may_also_be_a_surname_and_a_given_name():
    # 单于明: 单于 (chányú) 明, or 单 (shàn / dān) 于明; all are kept.
    words = search_words("单于明")
    assert {"chanyuming", "shanyuming", "danyuming", "cym", "sym", "dym"} <= set(words)


def test_every_surname_in_the_table_is_found_by_both_of_its_readings():
    for surname, readings_ in SURNAME_READINGS.items():
        name = surname + "明"
        for reading in readings_:
            syllables = [plain(s) for s in reading.split()] + ["ming"]
            assert "".join(syllables) in search_words(name), (surname, reading)
            assert "".join(s[0] for s in syllables) in search_words(name), (surname, reading)
        # It sorts by its reading as a surname.
        assert sort_key(name).startswith(" ".join(plain(s) for s in readings_[0].split()) + " ming\t"), surname


def test_the_readme_shows_the_table_of_surname_readings():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Searching the roster"):]
    rows = re.findall(r"^\| (\S+) \| ([^|]+?) \| ([^|]+?) \|$", section, re.M)
    shown = {surname: (reading, everyday) for surname, reading, everyday in rows if surname in SURNAME_READINGS}
    assert shown == SURNAME_READINGS


def test_tone_marks_are_dropped_as_typed():
    assert plain("zhǎng") == "zhang"
    assert plain("lǚ") == "lv"


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


def test_pinyin_read_a_word_at_a_time_is_pypinyin_reading_the_whole_name():
    """Names are read a word at a time with a cache (an import reads thousands): the same syllables as pypinyin
    reading the whole name at once, phrases, letters, dots and characters it has no reading for included."""
    from pypinyin import lazy_pinyin

    from app import demo
    from app.names import _keep, _pinyin

    written = ["单于明", "尉迟恭", "长孙无忌", "曾重庆", "李娜2", "买买提·艾力", "Anna李", "乐长乐", "朴重行", "𠀀明",
               "张三丰abc王五", "重庆", "银行行长", "〇", "了了"]
    rng = random.Random(7)
    given = demo._MALE_GIVEN + demo._FEMALE_GIVEN
    generated = [surname + rng.choice(given) + rng.choice(given)
                 for surname in (*set(demo._SURNAMES), *demo._COMPOUND_SURNAMES, *SURNAME_READINGS) for _ in range(20)]
    for name in written + generated:
        assert _pinyin(name) == lazy_pinyin(name, errors=_keep), name
