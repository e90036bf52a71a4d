"""Chinese names: the pinyin sort key, the words the roster search finds a name by, and how typed text is read.

A name is found by its characters (simplified or traditional, with or without the middle dot of a transliterated
name such as 买买提·艾力), by the full pinyin from any syllable on (``sanfeng`` finds 张三丰) and by the initials
(``zsf``, ``sf``); a surname read differently as a surname is found by both readings. pypinyin (with its phrase
dictionary) and OpenCC load when a name's words are first computed or traditional text is first typed, not when
this module is imported: a command that only lists people never pays for them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Raise this when the words a name is found by change: files searched with older words are brought up to date
# when next opened (app.people.ensure_search_index).
RULES_VERSION = 1

# Surnames read differently from the same characters in everyday words: the reading as a surname, then the
# everyday one. A name is found by both, and by pypinyin's reading in context, since volunteers type what they
# hear and the roster may have been keyed either way; it sorts by the surname's. The README's search section
# shows this table (a test keeps the two in step).
SURNAME_READINGS: dict[str, tuple[str, str]] = {
    "单": ("shàn", "dān"), "曾": ("zēng", "céng"), "解": ("xiè", "jiě"), "仇": ("qiú", "chóu"),
    "覃": ("qín", "tán"), "区": ("ōu", "qū"), "查": ("zhā", "chá"), "朴": ("piáo", "pǔ"), "盖": ("gě", "gài"),
    "乐": ("yuè", "lè"), "缪": ("miào", "móu"), "翟": ("zhái", "dí"), "召": ("shào", "zhào"), "牟": ("móu", "mù"),
    "秘": ("bì", "mì"), "繁": ("pó", "fán"), "种": ("chóng", "zhǒng"), "员": ("yùn", "yuán"), "折": ("shé", "zhé"),
    "黑": ("hè", "hēi"), "尉": ("yù", "wèi"), "宓": ("mì", "fú"), "句": ("gōu", "jù"), "阚": ("kàn", "hǎn"),
    "柏": ("bǎi", "bó"), "蕃": ("pí", "fān"), "奇": ("jī", "qí"), "能": ("nài", "néng"), "都": ("dū", "dōu"),
    "蔚": ("yù", "wèi"), "隗": ("wěi", "kuí"), "重": ("chóng", "zhòng"), "谌": ("chén", "shèn"),
    "莘": ("shēn", "xīn"), "佴": ("nài", "èr"), "祭": ("zhài", "jì"), "郇": ("huán", "xún"), "贲": ("bēn", "bì"),
    "褚": ("chǔ", "zhǔ"),
    "尉迟": ("yù chí", "wèi chí"), "长孙": ("zhǎng sūn", "cháng sūn"), "万俟": ("mò qí", "wàn sì"),
    "单于": ("chán yú", "dān yú"), "澹台": ("tán tái", "dàn tái"),
}
_COMPOUND = frozenset(key for key in SURNAME_READINGS if len(key) == 2)
_MAX_VARIANTS = 8

# Middle dots between the parts of a transliterated name (买买提·艾力), as different keyboards and fonts type them.
MIDDLE_DOTS = "·•．・‧･∙⋅."
_DOTS = re.compile(f"[{re.escape(MIDDLE_DOTS)}\\s']")


def plain(syllable: str) -> str:
    """A syllable without its tone marks, as typed: ``zhǎng`` → ``zhang``, ``lǚ`` → ``lv`` (the keyboard's ü)."""
    syllable = unicodedata.normalize("NFD", syllable.lower()).replace("u\u0308", "v")
    return "".join(c for c in syllable if not unicodedata.combining(c))


def _keep(text: str) -> list[str]:
    # Letters and digits in a name ("李娜2") stay as they are, lower-cased.
    return [text.lower()]


def _pinyin(text: str) -> list[str]:
    """``lazy_pinyin(text)``, a word at a time: pypinyin cuts the text into words (its phrases, single characters,
    runs of letters) and reads each on its own, so a word read once is read from the cache for every other name."""
    from pypinyin.seg.simpleseg import seg  # its dictionaries take a third of a second to load: only when needed

    return [syllable for word in seg(text) for syllable in _word(word)]


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin([word], errors=_keep))  # a list: the word is read as it is, not cut again


@lru_cache(maxsize=8192)
def _alone(char: str) -> tuple[str, ...]:
    """A character's everyday reading on its own (都 → dou), which pypinyin's phrases may not give in a name."""
    return tuple(_pinyin(char))


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # OpenCC's own tables, through its maintained binding (C++ core, wheels for Windows and Linux)

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _simplified_char(char: str) -> str:
    return _t2s().convert(char)


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (張三豐 → 张三丰), character by character, so that a part of a name
    converts exactly as it does inside the whole name; ASCII is returned as it is without loading OpenCC."""
    if text.isascii():
        return text
    return "".join(_simplified_char(c) if ord(c) > 0x2E7F else c for c in text)


def bare(name: str) -> str:
    """The name as the search compares it: no middle dots, no spaces, lower case (买买提·艾力 → 买买提艾力)."""
    return _DOTS.sub("", name).lower()


def readings(name: str) -> list[list[str]]:
    """The name's possible pinyin syllable lists: the given name as read in context, the surname every way.

    A name starting with a two-character surname (单于明) may also be a one-character surname and a given name
    (单 + 于明): both splits are kept.
    """
    return [list(option) for option in _readings(bare(name.strip()))]


@lru_cache(maxsize=65536)
def _readings(name: str) -> tuple[tuple[str, ...], ...]:
    # Cached: the sort key and the search words of a name both start from its readings, so pinyin (the costly part
    # of storing a person) runs once per name, and once for a name many rows share.
    if not name:
        return ()
    context = tuple(_pinyin(name))
    if len(context) != len(name):  # letters kept as one word: no surname to read differently
        return (context,)
    options: list[tuple[str, ...]] = [context]
    sizes = [2, 1] if name[:2] in _COMPOUND else [1]
    for size in sizes:
        surname, given = name[:size], context[size:]
        for reading in (tuple(s for c in surname for s in _alone(c)), *_special(surname)):
            if reading + given not in options:
                options.append(reading + given)
    return tuple(options[:_MAX_VARIANTS])


def _special(surname: str) -> list[tuple[str, ...]]:
    """The surname's own reading and its everyday one as syllables, or nothing for an ordinary surname."""
    return [tuple(plain(s) for s in reading.split()) for reading in SURNAME_READINGS.get(surname, ())]


def sort_key(name: str) -> str:
    """Key for sorting names as a Chinese reader expects: by pinyin of the surname's reading, then by the characters."""
    options = readings(name)
    syllables = options[0] if options else []
    # A surname's special reading decides its place in an alphabetical list (曾 under Z, not C).
    plain_name = bare(name.strip())
    for size in (2, 1):
        special = _special(plain_name[:size]) if len(plain_name) >= size else []
        if special and (size == 1 or plain_name[:2] in _COMPOUND):
            syllables = list(special[0]) + syllables[size:]
            break
    return " ".join(syllables) + "\t" + name


def search_words(name: str) -> list[str]:
    """Every word the roster search finds this name by; a typed term matches when it begins one of them.

    The name's characters from each one on (so any part of the name is found), in the form written and in
    simplified characters; for each reading, the full pinyin from each syllable on (``zhangsanfeng``, ``sanfeng``,
    ``feng``) and the initials from each letter on (``zsf``, ``sf``; a single initial is already the start of a
    syllable).
    """
    words: dict[str, None] = {}
    written = bare(name.strip())
    for form in (written, simplified(written)):
        for start in range(len(form)):
            words[form[start:]] = None
    for syllables in readings(name):
        syllables = [s for s in syllables if s]
        for start in range(len(syllables)):
            words["".join(syllables[start:])] = None
        initials = "".join(s[0] for s in syllables)
        for start in range(len(initials) - 1):
            words[initials[start:]] = None
    return list(words)


def search_text(name: str) -> str:
    """The words of ``search_words``, each after a space, as stored with the person: a term begins a word exactly
    when ``" " + term`` occurs in it, which is how the search reads it when it does not use its index."""
    return "".join(" " + word for word in search_words(name))


def search_term(word: str) -> str:
    """A typed word as the search compares it: no middle dots or apostrophes (xi'an), lower case, simplified."""
    return simplified(bare(word))
