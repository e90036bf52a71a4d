"""Chinese names: the pinyin sort key and the search keys (full pinyin and initials, both readings of surnames)."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import lazy_pinyin

# Surnames read differently from the same character in ordinary words. A name is found by the initials of
# either reading, since volunteers type what they hear and the roster may have been keyed either way.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "单": ("shan",), "曾": ("zeng",), "解": ("xie",), "仇": ("qiu",), "覃": ("qin",), "区": ("ou",),
    "查": ("zha",), "朴": ("piao",), "盖": ("ge",), "乐": ("yue",), "缪": ("miao",), "翟": ("zhai",),
    "召": ("shao",), "牟": ("mou",), "秘": ("bi",), "繁": ("po",), "种": ("chong",), "员": ("yun",),
    "折": ("she",), "黑": ("he",), "尉": ("yu",), "长孙": ("zhang", "sun"), "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"), "澹台": ("tan", "tai"), "令狐": ("ling", "hu"), "宓": ("mi",), "句": ("gou",),
    "阚": ("kan",), "柏": ("bai",), "蕃": ("pi",), "奇": ("ji",), "能": ("nai",), "厍": ("she",),
}
_COMPOUND = [key for key in SURNAME_READINGS if len(key) == 2]
_MAX_VARIANTS = 8


@lru_cache(maxsize=65536)  # keyed by the whole name: as many as a large roster's names, so each is read once
def _surname_options(name: str) -> tuple[int, list[tuple[str, ...]]]:
    """(length of the surname, the possible readings of the surname as syllable tuples, ordinary first)."""
    surname = name[:2] if name[:2] in _COMPOUND else name[:1]
    ordinary = tuple(lazy_pinyin(surname, errors=_keep))
    options = [ordinary]
    special = SURNAME_READINGS.get(surname)
    if special and special not in options:
        options.append(special)
    return len(surname), options


def _keep(text: str) -> list[str]:
    # Letters and digits in a name ("李娜2") stay as they are, lower-cased.
    return [text.lower()]


def readings(name: str) -> list[list[str]]:
    """The name's possible pinyin syllable lists: the given name as usually read, the surname every way."""
    return [list(option) for option in _readings(name.strip())]


@lru_cache(maxsize=65536)
def _readings(name: str) -> tuple[tuple[str, ...], ...]:
    # Cached: the sort key and the search text of a name both start from its readings, so pinyin (the costly
    # part of storing a person) is computed once per name, and once for a name that many rows share.
    if not name:
        return ()
    size, surname_options = _surname_options(name)
    given = tuple(lazy_pinyin(name[size:], errors=_keep)) if name[size:] else ()
    return tuple(tuple(option) + given for option in surname_options)[:_MAX_VARIANTS]


def sort_key(name: str) -> str:
    """Key for sorting names as a Chinese reader expects: by pinyin of the ordinary reading, then by the characters."""
    options = readings(name)
    syllables = options[0] if options else []
    # A surname's special reading decides its place in an alphabetical list (曾 under Z, not C).
    size, surname_options = _surname_options(name) if name.strip() else (0, [])
    special = SURNAME_READINGS.get(name.strip()[:size]) if size else None
    if special:
        syllables = list(special) + syllables[len(surname_options[0]):]
    return " ".join(syllables) + "\t" + name


def search_text(name: str) -> str:
    """What the roster search looks in for a name: the name, then each reading's full pinyin and initials.

    Variants are separated by spaces so a typed pattern never matches across two of them.
    """
    parts = [name.strip().lower()]
    for syllables in readings(name):
        parts.append("".join(syllables))
        parts.append("".join(s[0] for s in syllables if s))
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return " ".join(seen)
