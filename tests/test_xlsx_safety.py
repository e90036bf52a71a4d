"""Hostile or unusable .xlsx files are refused fast with one Chinese sentence; good ones open and read safely.

Every file is built here (openpyxl, zipfile or raw bytes); only check_file / open_workbook / the iteration
is timed, against a generous safety bound rather than a benchmark.
"""

from __future__ import annotations

import io
import logging
import os
import struct
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import workbook_safety as ws_safety
from app.errors import KnownError
from app.workbook_safety import (MAX_RATIO, WorkbookRefused, check_file, iter_sheet_rows,
                                 open_workbook)

FAST = 3.0  # seconds: a refusal must come "within seconds" whatever the file claims

SPREADSHEET_CT = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{SPREADSHEET_CT}"/>'
    '</Types>'
)
WORKBOOK_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


# --------------------------------------------------------------------------------------------- helpers


def timed(fn, *args, **kwargs):
    """(result, seconds); a WorkbookRefused is returned as the result, so refusals are timed too."""
    start = time.perf_counter()
    try:
        result = fn(*args, **kwargs)
    except WorkbookRefused as exc:
        result = exc
    return result, time.perf_counter() - start


def refusal(fn, path) -> str:
    result, seconds = timed(fn, path)
    assert isinstance(result, WorkbookRefused), f"not refused: {result!r}"
    assert seconds < FAST, f"refusal took {seconds:.2f} s"
    return str(result)


def save_workbook(path: Path, cells: dict[str, object]) -> Path:
    wb = openpyxl.Workbook()
    sheet = wb.active
    for ref, value in cells.items():
        sheet[ref] = value
    wb.save(path)
    return path


def write_zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def replace_member(src: Path, dst: Path, name: str, data: bytes | str) -> Path:
    """Copy an .xlsx, swapping one part (the rest byte-for-byte)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for member in zin.namelist():
            zout.writestr(member, data if member == name else zin.read(member))
    return dst


def all_rows(path, **kwargs):
    wb = open_workbook(path)
    try:
        return [list(iter_sheet_rows(sheet, **kwargs)) for sheet in wb.worksheets]
    finally:
        wb.close()


@pytest.fixture
def small_xlsx(tmp_path):
    return save_workbook(tmp_path / "small.xlsx", {"A1": "姓名", "B1": "电话", "A2": "张三", "B2": "13800000000"})


# ------------------------------------------------------------------------------------- 1. normal files


def test_normal_workbook_yields_real_row_numbers_and_skips_empty_rows(tmp_path):
    path = save_workbook(tmp_path / "花名册.xlsx", {
        "A1": "2024 年党员花名册",  # title at row 1, row 2 blank
        "A3": "姓名", "B3": "性别", "C3": "联系电话",  # header at 3
        "A4": "张三", "B4": "男", "C4": "13800000000",
        "A5": "李四", "C5": 13900000000,
        # rows 6 and 7 are empty: 6 has only an empty string, 7 nothing at all
        "B6": "",
        "A8": "王五", "B8": "女",
        "D10": None,
    })

    (rows,), seconds = timed(all_rows, path)

    assert seconds < FAST
    assert rows == [
        (1, ("2024 年党员花名册",)),
        (3, ("姓名", "性别", "联系电话")),
        (4, ("张三", "男", "13800000000")),
        (5, ("李四", None, 13900000000)),
        (8, ("王五", "女")),
    ]


def test_iter_sheet_rows_caps_columns_and_drops_rows_with_content_only_beyond_the_cap(tmp_path):
    cells = {f"{openpyxl.utils.get_column_letter(c)}1": c for c in range(1, 121)}
    cells.update({"A2": "a", "DZ3": "far right only"})  # DZ = column 130
    path = save_workbook(tmp_path / "wide.xlsx", cells)

    (rows,) = all_rows(path)

    assert rows == [(1, tuple(range(1, 101))), (2, ("a",))]
    (rows,) = all_rows(path, max_columns=3)
    assert rows == [(1, (1, 2, 3)), (2, ("a",))]


@pytest.mark.parametrize("name", ["roster.xlsx", "ROSTER.XLSX", "roster.xlsm", "roster.xltx", "roster.xls", "roster"])
def test_a_spreadsheet_zip_opens_whatever_its_name(tmp_path, small_xlsx, name):
    path = tmp_path / name
    path.write_bytes(small_xlsx.read_bytes())

    check_file(path)
    (rows,) = all_rows(path)

    assert rows == [(1, ("姓名", "电话")), (2, ("张三", "13800000000"))]


def test_check_file_never_loads_the_workbook(monkeypatch, small_xlsx):
    def forbidden(*args, **kwargs):
        raise AssertionError("check_file must not load the workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", forbidden)
    check_file(small_xlsx)


def test_refusal_is_a_known_error_with_one_sentence(tmp_path):
    with pytest.raises(KnownError) as caught:
        check_file(tmp_path / "nowhere.xlsx")
    assert "\n" not in str(caught.value)


# ----------------------------------------------------------------------- 2. the 2 KB "XFD1048576" workbook


@pytest.fixture
def xfd_xlsx(tmp_path):
    return save_workbook(tmp_path / "xfd.xlsx", {
        "A1": "姓名", "B1": "电话", "C1": "住址",
        "A2": "张三", "C3": "三号楼",
        "XFD1048576": "x",
    })


def test_openpyxl_read_only_trusts_the_dimension(xfd_xlsx):
    """What the defence is for: read-only openpyxl pads every row to the <dimension> width."""
    assert xfd_xlsx.stat().st_size < 10_000
    wb = openpyxl.load_workbook(xfd_xlsx, read_only=True)
    try:
        sheet = wb.active
        assert (sheet.max_row, sheet.max_column) == (1_048_576, 16_384)
        assert len(next(sheet.iter_rows(values_only=True))) == 16_384
    finally:
        wb.close()


def test_a_cell_at_xfd1048576_is_read_fast_and_small(xfd_xlsx):
    (rows,), seconds = timed(all_rows, xfd_xlsx)

    assert seconds < FAST, f"{seconds:.2f} s"
    # Decided: the XFD1048576 row has nothing within the first MAX_COLUMNS columns, so it is empty and
    # not yielded; cells beyond MAX_COLUMNS are never part of a roster.
    assert rows == [(1, ("姓名", "电话", "住址")), (2, ("张三",)), (3, (None, None, "三号楼"))]

    # The million padding rows before row 1048576 must not pile up in memory (measured separately:
    # tracemalloc itself slows the iteration several-fold).
    wb = open_workbook(xfd_xlsx)
    try:
        tracemalloc.start()
        try:
            list(iter_sheet_rows(wb.active))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    finally:
        wb.close()
    assert peak < 100 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


def test_a_lying_dimension_is_logged_not_refused_and_does_not_widen_rows(tmp_path, small_xlsx, caplog):
    with zipfile.ZipFile(small_xlsx) as zf:
        sheet_xml = zf.read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:B2" />' in sheet_xml
    path = replace_member(small_xlsx, tmp_path / "dim.xlsx", "xl/worksheets/sheet1.xml",
                          sheet_xml.replace(b'<dimension ref="A1:B2" />', b'<dimension ref="A1:XFD1048576"/>'))

    with caplog.at_level(logging.WARNING, logger="app.workbook_safety"):
        check_file(path)
    assert "A1:XFD1048576" in caplog.text

    (rows,), seconds = timed(all_rows, path)
    assert seconds < FAST
    assert rows == [(1, ("姓名", "电话")), (2, ("张三", "13800000000"))]


def test_a_row_number_far_beyond_excel_does_not_make_openpyxl_pad_forever(tmp_path, small_xlsx):
    sheet_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c></row>'
        '<row r="1000000000000"><c r="A1000000000000" t="inlineStr"><is><t>x</t></is></c></row>'
        '</sheetData></worksheet>'
    )
    path = replace_member(small_xlsx, tmp_path / "far.xlsx", "xl/worksheets/sheet1.xml", sheet_xml)

    (rows,), seconds = timed(all_rows, path)

    assert seconds < FAST, f"{seconds:.2f} s"
    assert rows == [(1, ("姓名",)), (2, ("张三",))]


# --------------------------------------------------------------------------------------- 3. zip bombs


def bomb(path: Path, megabytes: int) -> Path:
    """A sheet part of `megabytes` MB of repeated XML, written in chunks so the test stays small."""
    row = b'<row><c t="inlineStr"><is><t>0000000000</t></is></c></row>'
    chunk = row * (1024 * 1024 // len(row))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("xl/workbook.xml", WORKBOOK_XML)
        with zf.open("xl/worksheets/sheet1.xml", "w") as member:
            member.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            for _ in range(megabytes):
                member.write(chunk)
            member.write(b"</sheetData></worksheet>")
    return path


def test_a_400_mb_zip_bomb_is_refused_without_decompressing_it(tmp_path):
    path = bomb(tmp_path / "bomb.xlsx", 400)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size > ws_safety.MAX_UNCOMPRESSED_BYTES
    assert info.file_size > MAX_RATIO * info.compress_size
    assert path.stat().st_size < 5 * 1024 * 1024

    assert refusal(check_file, path) == "文件内容异常（解压后过大），可能是恶意文件，已拒绝"
    assert refusal(open_workbook, path) == "文件内容异常（解压后过大），可能是恶意文件，已拒绝"


def test_one_member_over_the_ratio_is_refused_even_when_the_total_is_allowed(tmp_path):
    path = bomb(tmp_path / "ratio.xlsx", 20)
    with zipfile.ZipFile(path) as zf:
        assert sum(i.file_size for i in zf.infolist()) < ws_safety.MAX_UNCOMPRESSED_BYTES

    assert refusal(check_file, path) == "文件内容异常（解压后过大），可能是恶意文件，已拒绝"


def test_the_declared_total_is_capped(monkeypatch, tmp_path):
    cells = {f"A{i}": f"第 {i} 行 {i * 7919 % 10007}" for i in range(1, 3000)}
    path = save_workbook(tmp_path / "total.xlsx", cells)
    check_file(path)
    monkeypatch.setattr(ws_safety, "MAX_UNCOMPRESSED_BYTES", 50_000)

    assert refusal(check_file, path) == "文件内容异常（解压后过大），可能是恶意文件，已拒绝"


def test_a_member_that_lies_about_its_size_is_caught_cheaply(tmp_path):
    """zipfile stops at the declared size and then fails the CRC, so declared sizes are a real bound."""
    path = bomb(tmp_path / "liar.xlsx", 20)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    fake = 500_000  # small enough to pass the ratio check and to be CRC-checked by check_file
    struct.pack_into("<I", data, info.header_offset + 22, fake)  # local header: uncompressed size
    name = info.filename.encode()
    central = data.index(b"PK\x01\x02", 0)
    while data[central + 46:central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, fake)  # central directory: uncompressed size
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size == fake

    assert refusal(check_file, path) == "文件已损坏或不完整，请重新保存后再导入"


# ------------------------------------------------------------------------ 4. not a workbook, or damaged


def ole_file(size: int, name_at: int | None, *, dir_sector: int = 0xFFFFFFFE) -> bytes:
    data = bytearray(size)
    data[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<H", data, 0x1E, 9)  # 512-byte sectors
    struct.pack_into("<I", data, 0x30, dir_sector)
    if name_at is not None:
        for offset, stream in ((name_at, "EncryptionInfo"), (name_at + 128, "EncryptedPackage")):
            encoded = stream.encode("utf-16-le")
            data[offset:offset + len(encoded)] = encoded
    return bytes(data)


@pytest.mark.parametrize("name, content, expected", [
    ("old.xls", ole_file(4096, None), "这是旧版 Excel (.xls) 文件，请在 Excel 中另存为 .xlsx 后再导入"),
    ("old.XLS", ole_file(4096, 1024), "这是旧版 Excel (.xls) 文件，请在 Excel 中另存为 .xlsx 后再导入"),
    ("renamed.xlsx", ole_file(4096, None), "这是旧版 Excel (.xls) 文件，请在 Excel 中另存为 .xlsx 后再导入"),
    ("locked.xlsx", ole_file(4096, 1024), "文件设置了打开密码，请在 Excel 中取消密码后再导入"),
    # the directory sector named by the header, well past the first 64 KB
    ("locked2.xlsx", ole_file(400_000, 200 * 512, dir_sector=199), "文件设置了打开密码，请在 Excel 中取消密码后再导入"),
    # a directory written at the end of the file
    ("locked3.xlsx", ole_file(400_000, 400_000 - 1024), "文件设置了打开密码，请在 Excel 中取消密码后再导入"),
    ("wps.et", ole_file(4096, None), "这是 WPS 表格（.et）文件，请在 WPS 中另存为 .xlsx 后再导入"),
    ("data.xlsx", "姓名,电话\n张三,13800000000\n".encode("utf-8"), "这不是 Excel 工作簿（.xlsx）文件"),
    ("data.csv", "姓名,电话\n张三,13800000000\n".encode("utf-8"), "这是 CSV 文件，请在 Excel 中另存为 .xlsx 后再导入"),
    ("data.CSV", "姓名,电话\n".encode("gbk"), "这是 CSV 文件，请在 Excel 中另存为 .xlsx 后再导入"),
    ("doc.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "这不是 Excel 工作簿（.xlsx）文件"),
    ("page.xlsx", b"<html><body><table><tr><td>1</td></tr></table></body></html>", "这不是 Excel 工作簿（.xlsx）文件"),
    ("noise.xlsx", bytes(range(256)) * 8, "这不是 Excel 工作簿（.xlsx）文件"),
    ("empty.xlsx", b"", "文件是空的"),
    ("zero.xlsx", b"PK\x03\x04" + b"\x00" * 200, "文件已损坏或不完整，请重新保存后再导入"),
    ("nothing.xlsx", b"PK\x05\x06" + b"\x00" * 18, "这不是 Excel 工作簿（.xlsx）文件"),
])
def test_files_that_are_not_workbooks_are_refused_with_their_sentence(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)

    assert refusal(check_file, path) == expected
    assert refusal(open_workbook, path) == expected


def test_a_missing_file_names_itself(tmp_path):
    assert refusal(check_file, tmp_path / "没有.xlsx") == "找不到文件：没有.xlsx"
    assert refusal(open_workbook, str(tmp_path / "没有.xlsx")) == "找不到文件：没有.xlsx"
    assert refusal(check_file, str(tmp_path / "a\0b.xlsx")) == "找不到文件：a\0b.xlsx"


def test_a_directory_is_refused(tmp_path):
    folder = tmp_path / "花名册.xlsx"
    folder.mkdir()
    assert refusal(check_file, folder) == "这是一个文件夹，不是 Excel 文件：花名册.xlsx"
    assert refusal(open_workbook, folder) == "这是一个文件夹，不是 Excel 文件：花名册.xlsx"


def test_a_truncated_workbook_is_refused(tmp_path, small_xlsx):
    data = small_xlsx.read_bytes()
    path = tmp_path / "half.xlsx"
    path.write_bytes(data[: len(data) // 2])

    assert refusal(check_file, path) == "文件已损坏或不完整，请重新保存后再导入"
    assert refusal(open_workbook, path) == "文件已损坏或不完整，请重新保存后再导入"


def test_a_damaged_small_part_is_found_by_its_crc(tmp_path):
    path = write_zip(tmp_path / "flipped.xlsx", {
        "[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": WORKBOOK_XML,
        "xl/sharedStrings.xml": "<sst>" + "<si><t>张三</t></si>" * 200 + "</sst>",
    })
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/sharedStrings.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0x55
    path.write_bytes(bytes(data))

    assert refusal(check_file, path) == "文件已损坏或不完整，请重新保存后再导入"


@pytest.mark.parametrize("members", [
    {"[Content_Types].xml": CONTENT_TYPES.replace(SPREADSHEET_CT, "application/vnd.openxmlformats-officedocument"
                                                  ".wordprocessingml.document.main+xml").replace("xl/workbook",
                                                                                                "word/document"),
     "word/document.xml": "<w:document/>"},
    {"word/document.xml": "<w:document/>"},
])
def test_a_word_document_is_refused(tmp_path, members):
    path = write_zip(tmp_path / "letter.xlsx", members)
    assert refusal(check_file, path) == "这不是 Excel 工作簿（可能是 Word 或其他文件）"


def test_a_plain_zip_and_other_spreadsheet_formats_are_refused(tmp_path):
    assert refusal(check_file, write_zip(tmp_path / "a.xlsx", {"photo.jpg": b"\xff\xd8"})) == "这不是 Excel 工作簿（.xlsx）文件"
    ods = write_zip(tmp_path / "b.xlsx", {"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                                          "content.xml": "<office:document-content/>"})
    assert refusal(check_file, ods) == "这是 OpenDocument 表格（.ods），请另存为 .xlsx 后再导入"
    xlsb = write_zip(tmp_path / "c.xlsx", {"[Content_Types].xml": "<Types/>", "xl/workbook.bin": b"\x83\x01"})
    assert refusal(check_file, xlsb) == "这是 Excel 二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx 后再导入"


def test_a_zip_with_an_encrypted_member_asks_for_the_password_to_be_removed(tmp_path, small_xlsx):
    data = bytearray(small_xlsx.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x01  # general purpose flag: encrypted
    path = tmp_path / "zipcrypto.xlsx"
    path.write_bytes(bytes(data))

    assert refusal(check_file, path) == "文件设置了打开密码，请在 Excel 中取消密码后再导入"


def test_a_file_over_the_size_limit_is_refused_by_its_size(monkeypatch, tmp_path):
    monkeypatch.setattr(ws_safety, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(1024 * 1024 + 400_000))

    assert refusal(check_file, path) == "文件太大（1.4 MB），花名册文件不应超过 1 MB"


def test_the_size_sentence_states_the_real_limit(tmp_path):
    assert ws_safety._megabytes(ws_safety.MAX_FILE_BYTES) == "50"
    assert ws_safety._megabytes(ws_safety.MAX_FILE_BYTES + 1) == "50.1"
    assert ws_safety._megabytes(63 * 1024 * 1024) == "63"


# --------------------------------------------------------------------------- 5. XML entity expansion


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"])
def test_billion_laughs_is_refused_before_openpyxl_reads_it(tmp_path, small_xlsx, part):
    path = replace_member(small_xlsx, tmp_path / "lol.xlsx", part, BILLION_LAUGHS)

    assert refusal(check_file, path) == "文件含有不安全的内容，已拒绝"
    assert refusal(open_workbook, path) == "文件含有不安全的内容，已拒绝"


def test_a_doctype_hidden_after_a_long_prolog_or_in_utf16_is_refused(tmp_path, small_xlsx):
    padded = BILLION_LAUGHS.replace("<!DOCTYPE", "<!--" + " " * 100_000 + "-->\n<!DOCTYPE", 1)
    path = replace_member(small_xlsx, tmp_path / "padded.xlsx", "xl/worksheets/sheet1.xml", padded)
    assert refusal(check_file, path) == "文件含有不安全的内容，已拒绝"

    utf16 = BILLION_LAUGHS.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    path = replace_member(small_xlsx, tmp_path / "utf16.xlsx", "xl/worksheets/sheet1.xml",
                          utf16.encode("utf-16"))
    assert refusal(check_file, path) == "文件含有不安全的内容，已拒绝"


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_openpyxl_itself_refuses_entity_expansion_when_check_file_is_bypassed(monkeypatch, tmp_path, small_xlsx,
                                                                                part):
    """The second line: openpyxl parses with defusedxml when it is installed (expat's amplification limit
    otherwise); either way the error becomes the unsafe-content sentence, fast."""
    assert openpyxl.DEFUSEDXML  # the test venv has defusedxml; the app does not require it
    path = replace_member(small_xlsx, tmp_path / "lol.xlsx", part, BILLION_LAUGHS)
    monkeypatch.setattr(ws_safety, "check_file", lambda path: None)

    assert refusal(open_workbook, path) == "文件含有不安全的内容，已拒绝"


def test_expats_own_amplification_limit_is_also_recognised():
    error = SyntaxError("limit on input amplification factor (from DTD and entities) breached: line 3, column 130")
    wrapped = ValueError("Unable to read workbook")
    wrapped.__cause__ = error
    assert str(ws_safety._refusal_for(wrapped)) == "文件含有不安全的内容，已拒绝"
    assert str(ws_safety._refusal_for(ValueError("bad"))) == "文件已损坏或格式不对，无法读取"


def test_a_part_openpyxl_cannot_parse_is_refused_at_open_or_while_reading(tmp_path, small_xlsx):
    path = replace_member(small_xlsx, tmp_path / "badxml.xlsx", "xl/workbook.xml", "<workbook><sheets>")
    assert refusal(open_workbook, path) == "文件已损坏或格式不对，无法读取"

    # A damaged worksheet fails only when its rows are read: read-only mode parses sheets lazily.
    sheet_xml = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                 '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="2"><c')
    path = replace_member(small_xlsx, tmp_path / "badsheet.xlsx", "xl/worksheets/sheet1.xml", sheet_xml)
    with pytest.raises(WorkbookRefused, match="^文件已损坏或格式不对，无法读取$"):
        all_rows(path)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_refused_open_does_not_keep_the_file_open(tmp_path, small_xlsx):
    """The refusal is not chained to openpyxl's error, whose frames would hold the zip open (Windows lock)."""
    path = replace_member(small_xlsx, tmp_path / "badxml.xlsx", "xl/workbook.xml", "<workbook><sheets>")

    try:
        open_workbook(path)
    except WorkbookRefused as exc:
        kept = exc
    assert kept.__cause__ is None and kept.__context__ is None and kept.detail
    open_files = {os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")}
    assert str(path.resolve()) not in open_files


# --------------------------------------------------------------------------------------- 6. row cap


def test_more_than_max_rows_non_empty_rows_is_refused(tmp_path):
    cells = {f"A{i}": f"人{i}" for i in range(1, 52)}  # 51 rows
    path = save_workbook(tmp_path / "long.xlsx", cells)

    with pytest.raises(WorkbookRefused) as caught:
        all_rows(path, max_rows=50)
    assert str(caught.value) == "表格超过 50 行，不像花名册，请拆分后再导入"

    (rows,) = all_rows(path, max_rows=51)
    assert len(rows) == 51 and rows[-1] == (51, ("人51",))


def test_empty_rows_do_not_count_towards_max_rows(tmp_path):
    cells = {f"A{i * 3}": f"人{i}" for i in range(1, 51)}  # 50 rows spread over 150
    path = save_workbook(tmp_path / "sparse.xlsx", cells)

    (rows,) = all_rows(path, max_rows=50)

    assert [number for number, _ in rows] == list(range(3, 151, 3))


def test_the_default_refusal_names_the_default_cap():
    assert ws_safety.TOO_MANY_ROWS.format(max_rows=ws_safety.MAX_ROWS) == "表格超过 200000 行，不像花名册，请拆分后再导入"


# ---------------------------------------------------------------------------------------- 7. fuzzing


def only_refusals(path: Path) -> None:
    """check_file and open_workbook (and reading every sheet) either work or raise WorkbookRefused."""
    for step in (check_file, all_rows):
        result, seconds = timed(step, path)
        assert seconds < FAST
        if isinstance(result, WorkbookRefused):
            assert str(result) and "\n" not in str(result)
            return


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=5000))
def test_random_bytes_are_refused_or_opened_never_crash(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.xlsx"
        path.write_bytes(data)
        only_refusals(path)


def _base_workbook() -> bytes:
    wb = openpyxl.Workbook()
    sheet = wb.active
    for row in (("姓名", "性别", "电话"), ("张三", "男", 13800000000), ("李四", "女", "=1+1")):
        sheet.append(row)
    wb.create_sheet("第二页")["B2"] = "x"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


BASE_WORKBOOK = _base_workbook()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(BASE_WORKBOOK) - 1), st.integers(0, 255)), max_size=8),
       st.one_of(st.none(), st.integers(0, len(BASE_WORKBOOK))))
def test_a_damaged_real_workbook_is_refused_or_opened_never_crash(flips, cut):
    data = bytearray(BASE_WORKBOOK)
    for position, value in flips:
        data[position] = value
    if cut is not None:
        del data[cut:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.xlsx"
        path.write_bytes(bytes(data))
        only_refusals(path)
