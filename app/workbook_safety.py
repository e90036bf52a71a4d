"""Opening a user's spreadsheet safely: refuse what is not a workbook, too large, encrypted or a zip bomb, before it is parsed.

open_workbook() gives openpyxl's reader (the branch returns); open_roster() reads a roster in .xlsx, .xls, .ods or .csv.
"""

# How the defences fit together (details next to each function):
#
# * check_file() looks only at the file's first bytes, the zip's central directory, the 30-byte local
#   headers, the first few KB of each XML part and the full bytes of small parts (within a budget), so it
#   answers in milliseconds whatever the file claims to hold.  Python's zipfile never yields more bytes
#   than a member's *declared* size (it stops there and then fails the CRC), so the declared sizes the
#   bomb checks add up are a real bound on what openpyxl can later decompress.
# * open_workbook() runs check_file() and then openpyxl in read-only mode; every exception openpyxl
#   raises on such a file is about the file, so it becomes one Chinese sentence.
# * iter_sheet_rows() is the real defence against a sheet that is huge *after* it was accepted: it caps
#   columns and non-empty rows and never trusts the sheet's <dimension>.
#
# openpyxl read-only facts this module relies on (openpyxl 3.1):
# * ReadOnlyWorksheet takes max_row/max_column from <dimension ref=...> when the sheet is opened; a
#   ref of A1:XFD1048576 makes ws.max_row 1048576 and ws.max_column 16384 whatever the real cells are.
# * iter_rows() without max_col pads *every* row to the dimension's width: 16384-wide tuples.
# * Rows missing between two real rows are yielded as one shared tuple of empty cells (EMPTY_CELL,
#   which has no .row), one per missing row: a cell at row 1048576 means a million yields.
# * A <row r="..."> above max_row stops the iteration (after padding up to max_row); when the data simply
#   ends below max_row nothing is padded.  So an explicit max_row of Excel's own limit bounds the
#   iteration at a million cheap yields even when the XML claims row 10**12 — without it, ws.max_row
#   comes from the dimension or, after reset_dimensions(), is None and nothing stops the padding.
# * Rows that go backwards (r="5" then r="3") are dropped silently; Excel never writes them.
# * The worksheet XML is parsed lazily: a damaged or hostile sheet fails during iteration, not at load.

from __future__ import annotations

import csv
import datetime
import gc
import io
import logging
import math
import os
import re
import stat
import struct
import zipfile
from pathlib import Path

import openpyxl
import python_calamine

from app.errors import KnownError

log = logging.getLogger(__name__)
# What is logged here is for a developer: without a handler of its own, Python's last-resort handler would print
# it (in English) to the terminal of a volunteer running the import.
log.addHandler(logging.NullHandler())


class WorkbookRefused(KnownError):
    """A file the importer will not read; the message is one Chinese sentence for the user.

    ``detail`` holds the underlying technical reason (for logs), when there is one.
    """

    def __init__(self, message: str, detail: str | None = None):
        super().__init__(message)
        self.message = message
        self.detail = detail


MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB  # a roster never needs more
MAX_UNCOMPRESSED_BYTES = 300 * MB  # sum of the declared sizes of all zip members
MAX_RATIO = 200  # per member above RATIO_FLOOR_BYTES: declared uncompressed / compressed
RATIO_FLOOR_BYTES = 1 * MB
MAX_ROWS = 200_000  # non-empty data rows the importer will read
MAX_COLUMNS = 100

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384

_MAX_MEMBERS = 10_000  # an .xlsx has dozens of parts; thousands means a crafted archive
_CRC_BUDGET_BYTES = 16 * MB  # small parts are decompressed in full (CRC checked) up to this total
_HEAD_BYTES = 4096  # how much of a part's XML is read to find its prolog and <dimension>
_PROLOG_LIMIT = 64 * 1024  # no real part has this much before its root element
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_PROBE = 64 * 1024
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with members / an empty zip
_SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")  # what openpyxl accepts by name
_SPREADSHEET_TYPES = (  # main part content types of xlsx / xlsm / xltx / xltm
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    b"application/vnd.ms-excel.template.macroEnabled.main+xml",
)
_SUPPORTED_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}

NOT_FOUND = "找不到文件：{name}"
IS_FOLDER = "这是一个文件夹，不是 Excel 文件：{name}"
UNREADABLE_FILE = "无法读取文件（可能正被 Excel 或其他程序占用）：{name}"
EMPTY = "文件是空的"
TOO_BIG = "文件太大（{size} MB），花名册文件不应超过 {limit} MB"
LEGACY_XLS = "这是旧版 Excel (.xls) 文件，请在 Excel 中另存为 .xlsx 后再导入"
WPS_ET = "这是 WPS 表格（.et）文件，请在 WPS 中另存为 .xlsx 后再导入"
PASSWORD = "文件设置了打开密码，请在 Excel 中取消密码后再导入"
NOT_XLSX = "这不是 Excel 工作簿（.xlsx）文件"
CSV = "这是 CSV 文件，请在 Excel 中另存为 .xlsx 后再导入"
XLSB = "这是 Excel 二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx 后再导入"
ODS = "这是 OpenDocument 表格（.ods），请另存为 .xlsx 后再导入"
CORRUPT = "文件已损坏或不完整，请重新保存后再导入"
NOT_SPREADSHEET = "这不是 Excel 工作簿（可能是 Word 或其他文件）"
BOMB = "文件内容异常（解压后过大），可能是恶意文件，已拒绝"
UNSAFE = "文件含有不安全的内容，已拒绝"
CANNOT_READ = "文件已损坏或格式不对，无法读取"
TOO_MANY_ROWS = "表格超过 {max_rows} 行，不像花名册，请拆分后再导入"


# ---------------------------------------------------------------------------------------------------
# check_file


def check_file(path) -> None:
    """Refuse, with one Chinese sentence, a file the importer should not hand to openpyxl.

    Reads only headers, the zip directory and a few KB of each part; never loads the workbook and never
    decompresses a large member.  A worksheet whose <dimension> claims more rows or columns than a roster
    can have is not refused for that (the dimension is often wrong); it is logged, and the caps in
    iter_sheet_rows() are what hold.
    """
    path = Path(os.fspath(path))
    size = _regular_file_size(path)
    with _open_for_reading(path) as f:
        head = f.read(len(_OLE_MAGIC))
        if head.startswith(_OLE_MAGIC):
            raise WorkbookRefused(_ole_refusal(path, f, size))
        if not head.startswith(_ZIP_MAGICS):
            raise WorkbookRefused(CSV if path.suffix.lower() == ".csv" else NOT_XLSX)
        f.seek(0)
        _check_zip(f, size)


def _regular_file_size(path: Path) -> int:
    name = path.name or str(path)
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError, ValueError):  # ValueError: a NUL in the path
        raise WorkbookRefused(NOT_FOUND.format(name=name)) from None
    except OSError as exc:
        raise WorkbookRefused(UNREADABLE_FILE.format(name=name), detail=repr(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise WorkbookRefused(IS_FOLDER.format(name=name))
    if not stat.S_ISREG(st.st_mode):  # a device or a pipe: reading it may never end
        raise WorkbookRefused(NOT_XLSX)
    if st.st_size == 0:
        raise WorkbookRefused(EMPTY)
    limit = MAX_FILE_BYTES  # read at call time, so a test can lower it
    if st.st_size > limit:
        raise WorkbookRefused(TOO_BIG.format(size=_megabytes(st.st_size), limit=_megabytes(limit)))
    return st.st_size


def _open_for_reading(path: Path):
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise WorkbookRefused(NOT_FOUND.format(name=path.name)) from None
    except OSError as exc:
        raise WorkbookRefused(UNREADABLE_FILE.format(name=path.name), detail=repr(exc)) from None


def _megabytes(n: int) -> str:
    """50 MB → "50"; 1.5 MB → "1.5"; rounded up so a file just over the limit never reads as equal to it."""
    tenths = math.ceil(n * 10 / MB)
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths / 10:.1f}"


def _ole_refusal(path: Path, f, size: int) -> str:
    """An OLE2 compound file is a legacy .xls, a WPS .et — or a password-protected .xlsx.

    Excel encrypts an .xlsx by wrapping it in an OLE file with "EncryptionInfo" and "EncryptedPackage"
    streams.  Their names sit in the OLE directory in UTF-16LE; we look for them in the first 64 KB, in
    64 KB from the first directory sector named by the header, and in the last 64 KB (where writers that
    append the directory put it) — cheap, and without parsing the FAT.
    """
    suffix = path.suffix.lower()
    if suffix == ".xls":
        return LEGACY_XLS
    if suffix == ".et":
        return WPS_ET
    f.seek(0)
    header = f.read(_OLE_PROBE)
    chunks = [header]
    if len(header) >= 0x34:
        (sector_shift,) = struct.unpack_from("<H", header, 0x1E)
        (first_dir_sector,) = struct.unpack_from("<I", header, 0x30)
        if 7 <= sector_shift <= 16 and first_dir_sector < 0xFFFFFFFA:
            offset = (first_dir_sector + 1) << sector_shift
            if _OLE_PROBE <= offset < size:
                f.seek(offset)
                chunks.append(f.read(_OLE_PROBE))
    if size > 2 * _OLE_PROBE:
        f.seek(size - _OLE_PROBE)
        chunks.append(f.read(_OLE_PROBE))
    names = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
    if any(name in chunk for chunk in chunks for name in names):
        return PASSWORD
    return LEGACY_XLS


def _check_zip(f, size: int) -> None:
    try:
        zf = zipfile.ZipFile(f)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, struct.error,
            NotImplementedError, UnicodeError) as exc:
        raise WorkbookRefused(CORRUPT, detail=repr(exc)) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > _MAX_MEMBERS:
            raise WorkbookRefused(BOMB, detail=f"{len(infos)} zip members")
        _check_members(f, infos, size)
        names = {info.filename for info in infos}
        _check_is_spreadsheet(zf, names)
        _check_sizes(infos)
        _check_contents(zf, infos)


def _check_members(f, infos, size: int) -> None:
    """Each member's local header is where the directory says, and its data fits in the file."""
    for info in infos:
        if info.flag_bits & 0x1:
            raise WorkbookRefused(PASSWORD, detail=f"zip member {info.filename!r} is encrypted")
        if info.compress_type not in _SUPPORTED_COMPRESSION:
            raise WorkbookRefused(CORRUPT, detail=f"zip compression {info.compress_type}")
        if not 0 <= info.header_offset <= size - 30:
            raise WorkbookRefused(CORRUPT, detail=f"{info.filename!r} starts outside the file")
        f.seek(info.header_offset)
        header = f.read(30)
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise WorkbookRefused(CORRUPT, detail=f"no local header for {info.filename!r}")
        name_len, extra_len = struct.unpack_from("<HH", header, 26)
        if info.header_offset + 30 + name_len + extra_len + info.compress_size > size:
            raise WorkbookRefused(CORRUPT, detail=f"{info.filename!r} runs past the end of the file")


def _check_is_spreadsheet(zf: zipfile.ZipFile, names: set[str]) -> None:
    if "xl/workbook.xml" in names:
        return
    if "[Content_Types].xml" in names:
        types = _read_capped(zf, "[Content_Types].xml", _PROLOG_LIMIT)
        if any(t in types for t in _SPREADSHEET_TYPES):  # openpyxl finds the main part by its type
            return
        if "xl/workbook.bin" in names:
            raise WorkbookRefused(XLSB)
        raise WorkbookRefused(NOT_SPREADSHEET)
    if any(name.startswith(("word/", "ppt/")) for name in names):  # Office parts without their manifest
        raise WorkbookRefused(NOT_SPREADSHEET)
    if "mimetype" in names and b"opendocument.spreadsheet" in _read_capped(zf, "mimetype", 256):
        raise WorkbookRefused(ODS)
    raise WorkbookRefused(NOT_XLSX)


def _read_capped(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        with zf.open(name) as member:
            return member.read(limit)
    except Exception as exc:  # any failure to decompress is a damaged file
        if isinstance(exc, MemoryError):
            raise
        raise WorkbookRefused(CORRUPT, detail=repr(exc)) from None


def _check_sizes(infos) -> None:
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookRefused(BOMB, detail=f"declared uncompressed total {total}")
    for info in infos:
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise WorkbookRefused(BOMB, detail=f"{info.filename!r}: {info.file_size} from {info.compress_size}")


def _check_contents(zf: zipfile.ZipFile, infos) -> None:
    """Small parts are read whole (zipfile checks their CRC); every XML part's prolog is screened for a
    DOCTYPE (entity expansion, external entities — nothing in a real .xlsx has one); each worksheet's
    <dimension> is noted when it claims more than a roster can hold."""
    budget = _CRC_BUDGET_BYTES
    for info in infos:
        if info.is_dir():
            continue
        is_xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
        whole = info.file_size <= min(RATIO_FLOOR_BYTES, budget)
        if not (is_xml or whole):
            continue
        if whole:
            budget -= info.file_size
            data = _read_capped(zf, info.filename, info.file_size + 1)  # to the end: the CRC is checked
        else:
            data = _read_capped(zf, info.filename, _HEAD_BYTES)
        if not is_xml:
            continue
        verdict = _prolog_verdict(data, complete=whole or len(data) < _HEAD_BYTES)
        if verdict == "more":
            data = _read_capped(zf, info.filename, _PROLOG_LIMIT)
            verdict = _prolog_verdict(data, complete=len(data) < _PROLOG_LIMIT)
        if verdict in ("unsafe", "more"):
            raise WorkbookRefused(UNSAFE, detail=f"DOCTYPE or over-long prolog in {info.filename!r}")
        if info.filename.startswith("xl/worksheets/") and info.filename.count("/") == 2:
            _note_dimension(info.filename, data[:_HEAD_BYTES])


_ROOT_START = re.compile(rb"<[A-Za-z_:]")
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)


def _prolog_verdict(data: bytes, *, complete: bool) -> str:
    """"ok", "unsafe" (a DOCTYPE/ENTITY before the root element) or "more" (no root element yet)."""
    encoding = _utf16_encoding(data)
    if encoding:  # Excel writes UTF-8, but expat would read UTF-16 too
        data = data[: len(data) // 2 * 2].decode(encoding, errors="replace").encode("utf-8")
    root = _ROOT_START.search(data)
    prolog = data[: root.start()] if root else data
    if _DOCTYPE.search(prolog):
        return "unsafe"
    if root or complete:
        return "ok"  # a part with no element at all is openpyxl's to reject
    return "more"


def _utf16_encoding(data: bytes) -> str | None:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    if data[1:2] == b"\x00":
        return "utf-16-le"
    if data[:1] == b"\x00":
        return "utf-16-be"
    return None


_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,9})$")


def _note_dimension(member: str, head: bytes) -> None:
    """Log a worksheet whose <dimension> claims more than a roster could fill (iter_sheet_rows caps it)."""
    match = _DIMENSION.search(head)
    if not match:
        return
    ref = match.group(1).decode("ascii", "replace")
    last = _CELL_REF.match(ref.split(":")[-1].strip())
    if not last:
        return
    letters, row = last.group(1).upper(), int(last.group(2))
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    if row > MAX_ROWS + 50 or column > MAX_COLUMNS:
        log.warning("%s declares dimension %s (%d rows, %d columns); reading is capped at %d rows, %d columns",
                    member, ref, row, column, MAX_ROWS, MAX_COLUMNS)


# ---------------------------------------------------------------------------------------------------
# open_workbook


def open_workbook(path):
    """check_file(path), then the workbook in openpyxl's read-only mode; the caller must wb.close() it.

    Formulas give their cached values (data_only), links to other workbooks are dropped.  A spreadsheet
    saved under another name (say .xls) is read from memory, since openpyxl refuses such names by path.
    """
    path = Path(os.fspath(path))
    check_file(path)
    try:
        if path.suffix.lower() in _SUPPORTED_SUFFIXES:
            source = str(path)
        else:
            source = io.BytesIO(path.read_bytes())  # at most MAX_FILE_BYTES, checked above
        return openpyxl.load_workbook(source, read_only=True, data_only=True, keep_links=False)
    except MemoryError:
        raise
    except Exception as exc:  # whatever openpyxl raises on a file is about that file
        refusal = _refusal_for(exc, path)
    # openpyxl's half-built reader, and the zip file it opened, hang in a reference cycle with its error:
    # collect it now, or Windows keeps the file locked (the user cannot re-save it) until some later
    # collection.  For the same reason the refusal is raised here, not chained to openpyxl's error.
    gc.collect()
    raise refusal


def _refusal_for(exc: BaseException, path: Path | None = None) -> WorkbookRefused:
    detail = f"{type(exc).__name__}: {exc}"
    seen = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:  # openpyxl wraps parse errors in a ValueError
        seen.add(id(cause))
        if _is_unsafe_xml(cause):
            return WorkbookRefused(UNSAFE, detail=detail)
        if path is not None and isinstance(cause, FileNotFoundError) and cause.filename is not None:
            return WorkbookRefused(NOT_FOUND.format(name=path.name), detail=detail)
        if path is not None and isinstance(cause, PermissionError):
            return WorkbookRefused(UNREADABLE_FILE.format(name=path.name), detail=detail)
        cause = cause.__cause__ or cause.__context__
    return WorkbookRefused(CANNOT_READ, detail=detail)


def _is_unsafe_xml(exc: BaseException) -> bool:
    # defusedxml's exceptions (EntitiesForbidden, DTDForbidden, ExternalReferenceForbidden …) all derive
    # from DefusedXmlException; matched by name so this module needs nothing beyond openpyxl.
    if any(cls.__name__ == "DefusedXmlException" for cls in type(exc).__mro__):
        return True
    # Without defusedxml, expat itself stops entity expansion ("limit on input amplification factor").
    return isinstance(exc, SyntaxError) and "amplification" in str(exc)


# ---------------------------------------------------------------------------------------------------
# iter_sheet_rows


def iter_sheet_rows(ws, *, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS):
    """Yield (excel_row_number, values) for each non-empty row of a read-only worksheet.

    * Only the first ``max_columns`` columns are read; ``values`` ends at the row's last non-empty value
      within them (so rows differ in length; index past the end means empty).  A row whose only content
      lies beyond ``max_columns`` counts as empty and is not yielded.
    * A row is empty when every value is None or "" (whitespace is a value: the importer decides).
    * Row numbers are the sheet's own (cell.row), so blank rows leave gaps.
    * More than ``max_rows`` non-empty rows raises WorkbookRefused once row max_rows + 1 is reached —
      the rows already yielded must not be committed by the caller before the loop ends.
    * A damaged or hostile sheet part raises WorkbookRefused during the iteration (it is parsed lazily).

    The sheet's <dimension> is ignored: it is reset so nothing pads to it, the width is always
    max_columns, and rows are read at most to Excel's own limit (1048576), so a sheet claiming
    A1:XFD1048576 — or a <row r="1000000000000"> — costs at most a million cheap skipped yields.
    """
    if hasattr(ws, "reset_dimensions"):  # ReadOnlyWorksheet
        ws.reset_dimensions()
        last_row = EXCEL_MAX_ROWS
    else:  # an ordinary Worksheet: iter_rows would create every cell up to max_row
        last_row = min(ws.max_row or 0, EXCEL_MAX_ROWS)
    rows = ws.iter_rows(min_row=1, max_row=last_row, min_col=1, max_col=max_columns, values_only=False)
    padding = None  # openpyxl yields one shared tuple for every missing row: skip it by identity
    count = 0
    while True:
        refusal = None
        try:
            row = next(rows)
        except StopIteration:
            return
        except MemoryError:
            raise
        except Exception as exc:  # a failure inside openpyxl's parser is about the file
            refusal = _refusal_for(exc)
        if refusal is not None:
            raise refusal
        if row is padding:
            continue
        values = [cell.value for cell in row]
        end = len(values)
        while end and (values[end - 1] is None or values[end - 1] == ""):
            end -= 1
        if not end:
            padding = row
            continue
        count += 1
        if count > max_rows:
            raise WorkbookRefused(TOO_MANY_ROWS.format(max_rows=max_rows))
        number = next(cell.row for cell in row if cell.value is not None and cell.value != "")
        yield number, tuple(values[:end])


# ---------------------------------------------------------------------------------------------------
# open_roster: what the importer reads (.xlsx, .xls, .ods, .csv), through python-calamine


XLS_DAMAGED = "这个 .xls 文件已损坏或不是表格，无法读取，请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"
ODS_DAMAGED = "这个 .ods 文件已损坏，无法读取，请在 LibreOffice 或 WPS 中打开后另存为 .xlsx 再导入"
NOT_A_TABLE = "这不是能导入的表格文件（可导入 .xlsx、.xls、.ods 和 .csv）"
CSV_NOT_TEXT = "这个 CSV 文件不是文字（可能是其他文件改了扩展名），无法导入"
ROSTER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt")
_TEXT_SUFFIXES = (".csv", ".txt", ".tsv")


def is_text_list(path) -> bool:
    """A list read as text (CSV), without sheets, by its name; every other file is read by its content."""
    return Path(os.fspath(path)).suffix.lower() in _TEXT_SUFFIXES
# A cell reference beyond the first MAX_COLUMNS columns (CW = 101) or beyond row 999,999: calamine would build a
# dense block out to it, so such a sheet is read by the openpyxl path, which never materialises it. The pattern
# starts with the literal r=" (the word boundary before it is the lookbehind), so re skips to each r=" instead of
# trying every byte of the sheet: a third of the time.
_FAR_CELL = re.compile(rb'r="(?<!\wr=")(?:(?:[A-Z]{3}|[D-Z][A-Z]|C[W-Z])\d|[A-Z]{1,3}\d{7})')
_ODS_TOKEN = re.compile(rb"<(/?table:table(?:-row|-cell)?|table:covered-table-cell)(\s[^>]*)?>")
_ODS_REPEAT = re.compile(rb'number-(?:columns|rows)-repeated="(\d+)"')
HEADROOM_ROWS = 1000  # title and blank rows a roster may have besides its MAX_ROWS people
# BIFF cell records (FORMULA, LABELSST, NUMBER, RK, LABEL, BOOLERR, MULRK): each starts with its row and column.
_XLS_CELLS = frozenset((0x0006, 0x00FD, 0x0203, 0x027E, 0x0204, 0x0205, 0x00BD))
FAR_CONTENT = "表格在第 100 列以后或 20 万行以后还有内容，不像花名册，请删去多余的内容后再导入"


class RosterBook:
    """A roster file opened for reading: its sheet names and each sheet's non-empty rows (see iter_sheet_rows)."""

    def __init__(self, sheetnames: list[str], reader, closer=lambda: None):
        self.sheetnames = sheetnames
        self._reader = reader
        self._closer = closer

    def rows(self, sheet: str, *, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS):
        """(row number as the program shows it, values) for each non-empty row, capped like iter_sheet_rows."""
        return self._reader(sheet, max_rows, max_columns)

    def close(self) -> None:
        self._closer()


def open_roster(path) -> RosterBook:
    """A roster spreadsheet in any form offices keep it (.xlsx, .xls, .ods, .csv), checked before it is parsed.

    .xlsx goes through check_file() (zip bombs, entities, far cells noted), .ods through the same zip checks,
    .xls is bounded by its format (65,536 rows by 256 columns); python-calamine reads all three. An .xlsx with a
    cell far out (XFD1048576) is read by openpyxl's streaming reader instead, which skips to it without building
    the block up to it. A .csv is decoded as UTF-8 (with or without BOM), UTF-16 with a BOM, or else GB18030
    (which covers GBK and GB2312).
    """
    path = Path(os.fspath(path))
    size = _regular_file_size(path)
    with _open_for_reading(path) as f:
        head = f.read(8)
        if head.startswith(_OLE_MAGIC):
            refusal = _ole_refusal(path, f, size)
            if refusal == PASSWORD:
                raise WorkbookRefused(PASSWORD)
            _check_xls_extent(path)
            return _calamine_book(path, WPS_ET if path.suffix.lower() == ".et" else XLS_DAMAGED)
        if head.startswith(_ZIP_MAGICS):
            f.seek(0)
            return _zip_book(path, f, size)
    if is_text_list(path):
        return _csv_book(path)
    raise WorkbookRefused(NOT_A_TABLE)


def _zip_book(path: Path, f, size: int) -> RosterBook:
    try:
        zf = zipfile.ZipFile(f)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, struct.error,
            NotImplementedError, UnicodeError) as exc:
        raise WorkbookRefused(CORRUPT, detail=repr(exc)) from None
    with zf:
        infos = zf.infolist()
        names = {info.filename for info in infos}
        is_ods = "mimetype" in names and b"opendocument.spreadsheet" in _read_capped(zf, "mimetype", 256)
        if not is_ods:
            f.seek(0)
            _check_zip(f, size)  # the .xlsx checks, with their own refusals
            far = any(_has_far_cell(zf, info) for info in infos
                      if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"))
        else:
            if len(infos) > _MAX_MEMBERS:
                raise WorkbookRefused(BOMB, detail=f"{len(infos)} zip members")
            _check_members(f, infos, size)
            _check_sizes(infos)
            _check_contents(zf, infos)
            if "content.xml" not in names:
                raise WorkbookRefused(ODS_DAMAGED)
            _check_ods_extent(zf)
            far = False
    if far:
        return _openpyxl_book(path)
    return _calamine_book(path, ODS_DAMAGED if is_ods else CANNOT_READ)


def _has_far_cell(zf: zipfile.ZipFile, info) -> bool:
    """Whether a worksheet part names a cell beyond MAX_COLUMNS or beyond row 999,999, read in chunks."""
    tail = b""
    try:
        with zf.open(info) as member:
            while chunk := member.read(1 << 20):
                if _FAR_CELL.search(tail + chunk):
                    return True
                tail = chunk[-32:]
    except Exception as exc:
        if isinstance(exc, MemoryError):
            raise
        raise WorkbookRefused(CORRUPT, detail=repr(exc)) from None
    return False


def _check_ods_extent(zf: zipfile.ZipFile) -> None:
    """Refuse an .ods whose filled cells reach beyond a roster's size: calamine builds the grid out to the last one.

    LibreOffice writes the empty rest of a sheet as a row or cell repeated up to a million times; only cells with
    a value (office:value-type) count, each at its row and column after the repeats before it.
    """
    content = _read_capped(zf, "content.xml", MAX_UNCOMPRESSED_BYTES)  # bounded by _check_sizes
    row = column = 0
    row_repeat = 1
    for match in _ODS_TOKEN.finditer(content):
        tag, attributes = match.group(1), match.group(2) or b""
        repeat = _ODS_REPEAT.search(attributes)
        times = int(repeat.group(1)) if repeat else 1
        if tag == b"table:table":
            row = 0
        elif tag == b"table:table-row":
            row_repeat, column = times, 0
        elif tag == b"/table:table-row":
            row += row_repeat
        elif b"office:value-type" in attributes:  # a filled cell, perhaps repeated along the row and down
            last_column, last_row = column + times, row + row_repeat
            if last_column > MAX_COLUMNS or last_row > MAX_ROWS + HEADROOM_ROWS:
                raise WorkbookRefused(FAR_CONTENT, detail=f"ods cell at row {last_row}, column {last_column}")
            column += times
        else:
            column += times


def _check_xls_extent(path: Path) -> None:
    """Refuse an .xls whose cells reach beyond a roster's size (calamine builds the grid out to the last cell; at
    the format's 65,536 rows by 256 columns that is a gigabyte). The cell records of the Workbook stream are scanned;
    a file whose container cannot be followed is left to calamine, which refuses it."""
    stream = _ole_stream(path.read_bytes(), ("Workbook", "Book"))  # at most MAX_FILE_BYTES
    if stream is None:
        return
    pos, size = 0, len(stream)
    while pos + 4 <= size:
        kind, length = struct.unpack_from("<HH", stream, pos)
        body = pos + 4
        if kind in _XLS_CELLS and length >= 4:
            row, column = struct.unpack_from("<HH", stream, body)
            if kind in (0x00BD,) and length >= 6:  # MULRK: the last column closes the record
                (column,) = struct.unpack_from("<H", stream, body + length - 2)
            if column >= MAX_COLUMNS or row >= MAX_ROWS + HEADROOM_ROWS:
                raise WorkbookRefused(FAR_CONTENT, detail=f"xls cell at row {row + 1}, column {column + 1}")
        pos = body + length


def _ole_stream(data: bytes, names: tuple[str, ...]) -> bytes | None:
    """The named stream of an OLE2 compound file (its regular sectors), or None when the container is unusual."""
    try:
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        sector = 1 << shift
        if not 7 <= shift <= 16:
            return None
        fat_count, directory_start = struct.unpack_from("<I", data, 0x2C)[0], struct.unpack_from("<I", data, 0x30)[0]
        cutoff = struct.unpack_from("<I", data, 0x38)[0]
        difat_start, difat_count = struct.unpack_from("<II", data, 0x44)
        fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
        per_sector = sector // 4
        seen = 0
        while difat_start < 0xFFFFFFFA and seen < difat_count and seen <= len(data) // sector:
            entries = struct.unpack_from(f"<{per_sector}I", data, (difat_start + 1) * sector)
            fat_sectors += entries[:-1]
            difat_start = entries[-1]
            seen += 1
        fat: list[int] = []
        for number in fat_sectors[:fat_count]:
            if number >= 0xFFFFFFFA:
                continue
            fat += struct.unpack_from(f"<{per_sector}I", data, (number + 1) * sector)

        def chain(start: int, limit: int) -> bytes:
            parts, current, steps = [], start, 0
            while current < 0xFFFFFFFA and current < len(fat) and steps <= len(fat) and steps * sector < limit:
                parts.append(data[(current + 1) * sector:(current + 2) * sector])
                current, steps = fat[current], steps + 1
            return b"".join(parts)[:limit]

        directory = chain(directory_start, len(data))
        root_start, root_length = struct.unpack_from("<II", directory, 116)  # the root entry holds the mini stream
        for offset in range(0, len(directory) - 127, 128):
            name_length = struct.unpack_from("<H", directory, offset + 64)[0]
            name = directory[offset:offset + max(0, name_length - 2)].decode("utf-16-le", "replace")
            if name in names and directory[offset + 66] == 2:
                start, length = struct.unpack_from("<II", directory, offset + 116)
                if length >= cutoff:
                    return chain(start, length)
                # A small stream (a crafted file with one far cell is small) lives in 64-byte mini sectors.
                mini_size = 1 << struct.unpack_from("<H", data, 0x20)[0]
                mini_fat_start, mini_fat_count = struct.unpack_from("<II", data, 0x3C)
                mini_fat_bytes = chain(mini_fat_start, mini_fat_count * sector)
                mini_fat = struct.unpack_from(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes)
                mini_stream = chain(root_start, root_length)
                parts, current, steps = [], start, 0
                while current < 0xFFFFFFFA and current < len(mini_fat) and steps * mini_size < length:
                    parts.append(mini_stream[current * mini_size:(current + 1) * mini_size])
                    current, steps = mini_fat[current], steps + 1
                return b"".join(parts)[:length]
    except (struct.error, IndexError, ValueError):
        return None
    return None


def _cell_value(value):
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)  # as openpyxl gives whole numbers: 195003, 13805461111
    if isinstance(value, (datetime.time, datetime.timedelta)):
        return str(value)
    return value


def _calamine_book(path: Path, damaged: str) -> RosterBook:
    try:
        # By its content, not its name: an .xls saved as "花名册.xlsx" (or an .ods, or the other way round) is read as
        # what it is, as Excel and WPS open it. The checks before this one went by the content too.
        with _open_for_reading(path) as f:
            workbook = python_calamine.CalamineWorkbook.from_filelike(f)
        names = list(workbook.sheet_names)
    except MemoryError:
        raise
    except python_calamine.PasswordError:
        raise WorkbookRefused(PASSWORD) from None
    except Exception as exc:  # whatever calamine raises on a file is about that file
        raise WorkbookRefused(damaged, detail=f"{type(exc).__name__}: {exc}") from None

    # The importer reads a sheet twice, its first rows for the layout, then all of them: parse it once, and let
    # the grid go once a pass has read it to the end.
    parsed: dict[str, list] = {}

    def read(sheet: str, max_rows: int, max_columns: int):
        try:
            if sheet not in parsed:
                # The whole grid from A1 (skip_empty_area=False), so a row's index is its number less one and a
                # value's index its column's; far cells never get here (_has_far_cell), so the grid is at most a
                # roster's size.
                parsed[sheet] = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            grid = parsed[sheet]
        except MemoryError:
            raise
        except Exception as exc:
            raise WorkbookRefused(damaged, detail=f"{type(exc).__name__}: {exc}") from None
        count = 0
        for index, raw in enumerate(grid):
            # Text needs nothing but "" made None; only other types go through _cell_value (most cells are text).
            values = [(v or None) if type(v) is str else _cell_value(v) for v in raw[:max_columns]]
            end = len(values)
            while end and values[end - 1] is None:
                end -= 1
            if not end:
                continue
            count += 1
            if count > max_rows:
                raise WorkbookRefused(TOO_MANY_ROWS.format(max_rows=max_rows))
            yield index + 1, tuple(values[:end])
        parsed.pop(sheet, None)

    return RosterBook(names, read, workbook.close)


def _openpyxl_book(path: Path) -> RosterBook:
    workbook = open_workbook(path)
    return RosterBook(list(workbook.sheetnames),
                      lambda sheet, max_rows, max_columns: iter_sheet_rows(workbook[sheet], max_rows=max_rows,
                                                                            max_columns=max_columns),
                      workbook.close)


def _csv_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise WorkbookRefused(CSV_NOT_TEXT)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # Excel on a Chinese Windows saves CSV in GBK, which GB18030 contains
    except UnicodeDecodeError:
        raise WorkbookRefused(CSV_NOT_TEXT) from None


def _csv_book(path: Path) -> RosterBook:
    text = _csv_text(path.read_bytes())  # at most MAX_FILE_BYTES, checked above
    sample = text[:16384]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，|")
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel

    def read(sheet: str, max_rows: int, max_columns: int):
        count = 0
        reader = csv.reader(io.StringIO(text, newline=""), dialect)
        try:
            for number, row in enumerate(reader, start=1):
                values = [value if value.strip() else None for value in row[:max_columns]]
                end = len(values)
                while end and values[end - 1] is None:
                    end -= 1
                if not end:
                    continue
                count += 1
                if count > max_rows:
                    raise WorkbookRefused(TOO_MANY_ROWS.format(max_rows=max_rows))
                yield number, tuple(values[:end])
        except csv.Error as exc:
            raise WorkbookRefused(CANNOT_READ, detail=repr(exc)) from None

    return RosterBook([path.stem], read)
