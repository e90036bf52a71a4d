"""Build the roster files that other programs wrote: LibreOffice saves one roster as .xls, .ods, .xlsx and .csv.

The rosters offices send come from Excel, WPS and LibreOffice; the importer is tested on files those programs
really wrote, not on files this app wrote itself. The source roster is made here with openpyxl (title row, merged
cells, the usual header names, year-and-month birth dates as people type them), then LibreOffice (headless)
converts it; the CSV is also kept in GBK (as Excel on a Chinese Windows saves it) and in UTF-8 with a BOM (Excel's
"CSV UTF-8"). The files are small and committed; test_roster_files.py also converts the source again with the
LibreOffice installed on the machine, so a change in LibreOffice's output is caught.

    python tests/data/make_roster_files.py
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent / "rosters"
HEADERS = ["序号", "姓名", "性别", "公民身份号码", "出生年月", "联系电话", "家庭住址", "困难情况", "人员类别"]
# Births as offices write them: year and month beside an ID that gives the day, year and month alone, Chinese
# numerals, a full stop after the day, 号 for 日.
ROWS = [
    [1, "张三丰", "男", "370502194503121018", "1945.03", "13805461111", "胜北小区12号楼3单元201室", "", "党员"],
    [2, "李秀英", "女", "", "1950年3月", "0546-8223344", "5-2-302", "低保、独居", "党员、居民"],
    [3, "王建国", "男", "370521195003050034", "1950.3.5.", "13805463333", "7栋1单元101", "", "党员、志愿者"],
    [4, "赵桂兰", "女", "", "一九四八年二月十日", "", "3号楼", "五保", "居民"],
    [5, "刘淑珍", "女", "", "1944-11", "13805465555", "", "失独", "党员"],
    [6, "陈德胜", "男", "370502194201150016", "1942年1月15号", "", "9-1-101", "残疾人", "党员"],
    # cells typed as numbers and dates, as Excel keeps them
    [7, "孙玉梅", "女", "", datetime.date(1947, 8, 20), 13805467777, "", "", "居民"],
    [8, "周福海", "男", "", 195105, "", "", "", "党员"],
]
FORMS = {"xls": "xls", "ods": "ods", "xlsx": "xlsx",
         # field separator 44 (,), text delimiter 34 ("), character set 76 (UTF-8)
         "csv": 'csv:Text - txt - csv (StarCalc):44,34,76'}


def source(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws["A1"] = "胜北党员服务社花名册"
    ws.merge_cells("A1:I1")
    ws.append(HEADERS)
    for row in ROWS:
        ws.append(row)
    for row in ws.iter_rows(min_row=3, min_col=4, max_col=4):
        for cell in row:
            cell.number_format = "@"  # IDs kept as text, as a careful office keeps them
    for row in ws.iter_rows(min_row=3, min_col=5, max_col=5):
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    wb.save(path)
    return path


def convert(src: Path, form: str, out_dir: Path) -> Path:
    """LibreOffice (headless) saves ``src`` as ``form``; returns the file it wrote."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", FORMS[form],
                        "--outdir", str(out_dir), str(src)], check=True, capture_output=True, timeout=180)
    return out_dir / f"{src.stem}.{form}"


def build(out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = source(Path(tmp) / "花名册.xlsx")
        written = {}
        for form in FORMS:
            made = convert(src, form, Path(tmp) / form)  # a folder each: the .xlsx must not overwrite its source
            target = out_dir / f"libreoffice.{form}"
            shutil.move(made, target)
            written[form] = target
        # a two-row roster with one more cell at IV65536, the last cell an .xls can hold
        far = openpyxl.Workbook()
        far.active.append(["姓名", "性别"])
        far.active.append(["张三丰", "男"])
        far.active["IV65536"] = "x"
        far_source = Path(tmp) / "far.xlsx"
        far.save(far_source)
        for form in ("xls", "ods"):
            target = out_dir / f"far-cell.{form}"
            shutil.move(convert(far_source, form, Path(tmp) / f"far-{form}"), target)
            written[f"far-cell.{form}"] = target
    text = written["csv"].read_text(encoding="utf-8")
    (out_dir / "gbk.csv").write_bytes(text.encode("gbk"))
    (out_dir / "utf8-bom.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    written["gbk.csv"] = out_dir / "gbk.csv"
    written["utf8-bom.csv"] = out_dir / "utf8-bom.csv"
    return written


if __name__ == "__main__":
    for name, path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE).items():
        print(f"{name}: {path} ({path.stat().st_size} bytes)")
