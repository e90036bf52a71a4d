"""The printed monthly bulletin (月度通报): A4 portrait, large type, every section from one MonthReport.

Plain data in (no database, no window): ``write_bulletin(path, report)`` with an ``app.month_report.MonthReport``.
Every text, the charts' labels included, is set in the bundled font, which the PDF embeds; a month with no
data still prints, each section saying what it has not got.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Sequence

import sqlite_utils

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak, Flowable, HRFlowable, Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
)

from app.month_report import MonthReport, gather
from app.reports import fonts
from app.reports.pdf import (
    FRAME_PADDING, UNDRAWABLE, break_chinese_properly, footed_canvas, long_day, markup, write_atomically,
)

SUBJECT = "月度通报"
SECTION_TITLES = ("一、走访慰问", "二、必报事项", "三、互助帮扶", "四、志愿服务时长", "五、志愿服务项目",
                  "六、活动与会议", "七、好人好事", "八、下月安排")
EMPTY = {
    "visits": "本月没有走访记录。",
    "reports": "本月没有必报事项。",
    "aid": "还没有互助组，也没有需要互助组覆盖的困难群众。",
    "hours": "本月没有记入志愿服务时长。",
    "level_ups": "本月没有志愿者升级。",
    "services": "本月没有记录志愿服务项目。",
    "meetings": "本月没有召开会议。",
    "activities": "本月没有举办活动或课堂。",
    "good_news": "本月还没有填写好人好事。",
    "rota": "下月的值班表还没有排出（请在“值班表”页生成）。",
    "festivals": "下月没有需要慰问的节日。",
    "birthdays": "下月没有{age}岁以上的党员过生日。",
}

MARGIN = 18 * mm
BOTTOM_MARGIN = 20 * mm
FOOTER_Y = 10 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
TITLE_SIZE = 30
CLUB_SIZE = 18
MONTH_SIZE = 20
SECTION_SIZE = 18
SUBHEAD_SIZE = 15
BODY_SIZE = 13.5  # read aloud at the release meeting and by elderly members: never below 12 pt
TABLE_SIZE = 13
CELL_PADDING = 4 + 7  # a cell's left and right padding
FIGURE_SIZE = 24  # the big numbers of the overview
CAPTION_SIZE = 11
RED = colors.HexColor("#A31515")
PALE_RED = colors.HexColor("#FBEDEC")
HEADER_FILL = colors.HexColor("#E4E4E4")
BAR_FILL = colors.HexColor("#C0392B")
BAR_FILL_2 = colors.HexColor("#2E6DA4")
GRID = colors.HexColor("#555555")
MAX_TOP_VOLUNTEERS = 10
PHOTO_WIDTH = 120 * mm
PHOTO_HEIGHT = 85 * mm


def _fmt(value: float) -> str:
    return f"{round(float(value), 2) + 0.0:g}"


def _md(text_or_day) -> str:
    """"10月18日" from an ISO date text or a date."""
    import datetime

    day = text_or_day if isinstance(text_or_day, datetime.date) else datetime.date.fromisoformat(text_or_day)
    return f"{day.month}月{day.day}日"


def _styles(font: str) -> dict[str, ParagraphStyle]:
    def style(name, size, leading=1.4, **kw):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * leading, wordWrap="CJK", **kw)

    return {
        "club": style("club", CLUB_SIZE, 1.3, alignment=TA_CENTER, textColor=RED),
        "title": style("title", TITLE_SIZE, 1.25, alignment=TA_CENTER, spaceBefore=2 * mm, textColor=RED),
        "month": style("month", MONTH_SIZE, 1.3, alignment=TA_CENTER, spaceBefore=1 * mm),
        "made": style("made", BODY_SIZE, 1.4, alignment=TA_CENTER, spaceBefore=1 * mm),
        "section": style("section", SECTION_SIZE, 1.3, alignment=TA_LEFT, textColor=colors.white),
        "subhead": style("subhead", SUBHEAD_SIZE, 1.35, alignment=TA_LEFT, spaceBefore=3 * mm, spaceAfter=1.5 * mm,
                         textColor=RED),
        "body": style("body", BODY_SIZE, 1.5, alignment=TA_LEFT, spaceAfter=2 * mm),
        "empty": style("empty", BODY_SIZE, 1.5, alignment=TA_LEFT, spaceAfter=2 * mm, textColor=colors.HexColor("#444444")),
        "cell": style("cell", TABLE_SIZE, 1.35, alignment=TA_LEFT),
        "cell_c": style("cell_c", TABLE_SIZE, 1.35, alignment=TA_CENTER),
        "cell_r": style("cell_r", TABLE_SIZE, 1.35, alignment=TA_RIGHT),
        "header": style("header", TABLE_SIZE, 1.3, alignment=TA_CENTER),
        "figure": style("figure", FIGURE_SIZE, 1.2, alignment=TA_CENTER, textColor=RED),
        "figure_label": style("figure_label", TABLE_SIZE, 1.3, alignment=TA_CENTER),
        "news_title": style("news_title", SUBHEAD_SIZE, 1.35, alignment=TA_LEFT, spaceBefore=3 * mm,
                            spaceAfter=1 * mm, textColor=RED),
        "caption": style("caption", CAPTION_SIZE, 1.4, alignment=TA_CENTER, textColor=colors.HexColor("#444444")),
    }


# ---------------------------------------------------------------- building blocks


def _p(text: str, st: ParagraphStyle) -> Paragraph:
    return Paragraph(markup(text), st)


def _section(title: str, st) -> Table:
    """A section heading: white on a red band the width of the page."""
    band = Table([[Paragraph(markup(title), st["section"])]], colWidths=[FRAME_WIDTH], hAlign="LEFT")
    band.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), st["section"].fontName, SECTION_SIZE),
        ("BACKGROUND", (0, 0), (-1, -1), RED),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return band


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float], st,
           align: str = "", total: bool = False) -> Table:
    """A grid with a shaded header repeated on every page; ``align`` has one letter a column: l, c or r."""
    align = align or "l" * len(headers)
    keys = {"l": "cell", "c": "cell_c", "r": "cell_r"}
    data = [[Paragraph(markup(h), st["header"]) for h in headers]]
    # A cell whose text fits on one line as it is is drawn as a plain string, where a Paragraph would put it (the
    # same leading and alignment; the pages come out the same to the pixel): laying out a Paragraph for each of the
    # 13,000 cells of a whole oilfield's birthdays took two seconds. Text that must wrap stays a Paragraph.
    font = st["cell"].fontName
    room = [w - CELL_PADDING for w in widths]
    for row in rows:
        cells: list[object] = []
        for i, value in enumerate(row):
            text = UNDRAWABLE.sub("", str(value))
            if text == " ".join(text.split()) and stringWidth(text, font, TABLE_SIZE) <= room[i]:
                cells.append(text)
            else:
                cells.append(Paragraph(markup(text), st[keys[align[i]]]))
        data.append(cells)
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands = [
        # Table sets each cell's font itself: Helvetica (unembedded) unless told.
        ("FONT", (0, 0), (-1, -1), st["cell"].fontName, TABLE_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 7),
    ]
    commands.append(("LEADING", (0, 1), (-1, -1), st["cell"].leading))
    commands += [("ALIGN", (i, 1), (i, -1), {"l": "LEFT", "c": "CENTER", "r": "RIGHT"}[a]) for i, a in enumerate(align)]
    if total:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), PALE_RED))
    table.setStyle(TableStyle(commands))
    return table


def _drawing(width: float, height: float, font: str) -> Drawing:
    drawing = Drawing(width, height)
    # renderPDF starts every drawing in Helvetica (unembedded) unless the drawing names its initial font.
    drawing.initialFontName = font
    drawing.initialFontSize = CAPTION_SIZE
    return drawing


def _nice_step(top: float) -> float:
    """A tick step giving at most 5 ticks (the axis is narrow): 1, 2, 5, 10, 20, 50 …"""
    step = 1.0
    while top / step > 4:
        for factor in (2, 2.5, 2):
            step *= factor
            if top / step <= 4:
                break
    return step


def _bar_chart(labels: Sequence[str], values: Sequence[float], font: str, *, width: float, fill=BAR_FILL,
               unit: str = "") -> Drawing:
    """Horizontal bars, one a label, the value at each bar's end: a reportlab drawing in the bundled font."""
    label_room = max(60, max(len(label) for label in labels) * TABLE_SIZE * 0.95 + 8)
    bar_room = 19
    height = bar_room * len(labels) + 30
    drawing = _drawing(width, height, font)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_room, 22
    chart.width, chart.height = width - label_room - 40, bar_room * len(labels)
    # The chart draws the first category at the bottom: reverse, so it reads top-down like the table beside it.
    chart.data = [list(reversed([float(v) for v in values]))]
    chart.categoryAxis.categoryNames = list(reversed(list(labels)))
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = TABLE_SIZE - 1
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = GRID
    top = max([float(v) for v in values] + [1.0])
    step = _nice_step(top)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * (int(top / step) + 1)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = CAPTION_SIZE
    chart.valueAxis.labelTextFormat = lambda v: _fmt(v)
    chart.valueAxis.strokeColor = GRID
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.bars[0].fillColor = fill
    chart.bars[0].strokeColor = None
    chart.barWidth = 12
    chart.barLabelFormat = lambda v: _fmt(v) + unit
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = CAPTION_SIZE
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    drawing.add(chart)
    return drawing


def _coverage_bar(covered: int, must: int, font: str, width: float) -> Drawing:
    """One long bar: the share of those who must be covered who are, with the percentage written on it."""
    height = 30
    drawing = _drawing(width, height, font)
    drawing.add(Rect(0, 6, width, 18, fillColor=colors.HexColor("#EEEEEE"), strokeColor=GRID, strokeWidth=0.6))
    share = covered / must if must else 1.0
    if share > 0:
        drawing.add(Rect(0, 6, width * share, 18, fillColor=BAR_FILL_2, strokeColor=None))
    text = f"覆盖率 {share * 100:.0f}%"
    drawing.add(String(6, 10.5, text, fontName=font, fontSize=CAPTION_SIZE + 1,
                       fillColor=colors.white if share > 0.25 else colors.black))
    return drawing


def _side_by_side(left: Flowable, right: Flowable, left_width: float, font: str) -> Table:
    table = Table([[left, right]], colWidths=[left_width, FRAME_WIDTH - left_width], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, TABLE_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, 0), 6 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _with_heading(heading: Flowable, first: Sequence[Flowable]) -> list[Flowable]:
    """A heading is never left alone at a page's foot: it keeps with what follows it."""
    return [CondPageBreak(45 * mm), KeepTogether([heading, *first])]


# ---------------------------------------------------------------- the sections


def _cover(report: MonthReport, st) -> list[Flowable]:
    f = report.figures()
    made = f"制表日期：{long_day(report.made_on)}"
    if report.as_of < report.last:
        made += f"（本月尚未结束，数据截至{_md(report.as_of)}）"
    if report.audit_code:
        # The audit log's newest link on paper: a log cut back or rewritten later no longer matches it.
        made += f"　审计校验码：{report.audit_code}"
    share = f"覆盖率 {f['aid_covered'] / f['aid_must_cover'] * 100:.0f}%" if f["aid_must_cover"] else "无需覆盖"
    tiles = [
        (f"{f['visits']:g}", "走访（次）"), (f"{f['reports_opened']:g}", "必报事项（件）"),
        (f"{f['aid_groups']:g}", f"互助组（个）<br/>{share}"), (_fmt(f["hours"]), "志愿服务（小时）"),
        (f"{f['meetings'] + f['services'] + f['activities']:g}", "会议和活动（场）"),
        (f"{len(report.good_news)}", "好人好事（件）"),
    ]
    cells = [[Paragraph(number, st["figure"]), Paragraph(label, st["figure_label"])] for number, label in tiles]
    grid = Table([cells[0:3], cells[3:6]], colWidths=[FRAME_WIDTH / 3] * 3, hAlign="CENTER")
    grid.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), st["cell"].fontName, TABLE_SIZE),
        ("BOX", (0, 0), (-1, -1), 0.8, RED), ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#D9A8A4")),
        ("BACKGROUND", (0, 0), (-1, -1), PALE_RED), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]))
    club = report.club_name or "党员服务社"
    roster = f"月末在册 {report.people} 人，其中党员 {report.members} 人。"
    return [
        _p(club, st["club"]),
        _p(SUBJECT, st["title"]),
        _p(report.label, st["month"]),
        _p(made, st["made"]),
        Spacer(0, 3 * mm),
        HRFlowable(width="100%", thickness=2.2, color=RED, spaceBefore=0, spaceAfter=1.2),
        HRFlowable(width="100%", thickness=0.6, color=RED, spaceBefore=0, spaceAfter=4 * mm),
        grid,
        Spacer(0, 3 * mm),
        _p(roster + _changes_sentence(f), st["body"]),
        Spacer(0, 2 * mm),
    ]


def _changes_sentence(f: dict) -> str:
    if not (f["joined"] or f["moved_away"] or f["deceased"]):
        return "本月人员没有变动。"
    return f"本月报到 {f['joined']:g} 人，迁出 {f['moved_away']:g} 人，去世 {f['deceased']:g} 人。"


def _visits(report: MonthReport, st, font: str) -> list[Flowable]:
    heading = _section(SECTION_TITLES[0], st)
    if not report.visits:
        return _with_heading(heading, [Spacer(0, 2 * mm), _p(EMPTY["visits"], st["empty"])])
    kinds = report.visits_by_kind()
    people = len({v.person_id for v in report.visits})
    sentence = f"本月走访 {len(report.visits)} 次，看望 {people} 人。"
    left_width = 78 * mm
    table = _table(("类别", "次数"), [(label, count) for _, label, count in kinds] + [("合计", len(report.visits))],
                   (left_width - 22 * mm, 22 * mm), st, "lr", total=True)
    chart = _bar_chart([label for _, label, _ in kinds], [count for _, _, count in kinds], font,
                       width=FRAME_WIDTH - left_width - 6 * mm)
    return _with_heading(heading, [Spacer(0, 2 * mm), _p(sentence, st["body"]),
                                   _side_by_side(table, chart, left_width, font)]) + [Spacer(0, 4 * mm)]


def _reports(report: MonthReport, st) -> list[Flowable]:
    heading = _section(SECTION_TITLES[1], st)
    if not report.reports:
        return _with_heading(heading, [Spacer(0, 2 * mm), _p(EMPTY["reports"], st["empty"])])
    f = report.figures()
    sentence = (f"本月得知 {f['reports_opened']:g} 件，上报 {f['reports_reported']:g} 件，结案 {f['reports_closed']:g} 件；"
                f"月末尚未结案 {f['reports_pending']:g} 件。")
    rows = [row for row in report.reports_by_kind()]
    rows.append(("合计", f["reports_opened"], f["reports_reported"], f["reports_closed"], f["reports_pending"]))
    widths = (FRAME_WIDTH - 4 * 27 * mm,) + (27 * mm,) * 4
    table = _table(("类别", "本月得知", "本月上报", "本月结案", "月末未结案"),
                   [(label, *(f"{n:g}" for n in counts)) for label, *counts in rows], widths, st, "lrrrr", total=True)
    return _with_heading(heading, [Spacer(0, 2 * mm), _p(sentence, st["body"]), table]) + [Spacer(0, 4 * mm)]


def _aid(report: MonthReport, st, font: str) -> list[Flowable]:
    heading = _section(SECTION_TITLES[2], st)
    f = report.figures()
    if not report.groups:
        return _with_heading(heading, [Spacer(0, 2 * mm), _p(EMPTY["aid"], st["empty"])])
    joined, left = report.aid_changes()
    when = "月末" if report.as_of == report.last else f"截至{_md(report.as_of)}"
    lines = [
        f"{when}应由互助组覆盖的困难群众 {f['aid_must_cover']:g} 人，已覆盖 {f['aid_covered']:g} 人，"
        f"未覆盖 {f['aid_uncovered']:g} 人。",
    ]
    flow: list[Flowable] = [Spacer(0, 2 * mm), _p(lines[0], st["body"])]
    if f["aid_must_cover"]:
        flow.append(_coverage_bar(int(f["aid_covered"]), int(f["aid_must_cover"]), font, FRAME_WIDTH))
        flow.append(Spacer(0, 2 * mm))
    flow.append(_p(f"{when}在帮扶的互助组 {f['aid_groups']:g} 个：一对一 {f['aid_one_on_one']:g} 个，"
                   f"多帮一 {f['aid_many_help_one']:g} 个。", st["body"]))
    if f["aid_formed"] or f["aid_ended"] or joined or left:
        flow.append(_p(f"本月新成立 {f['aid_formed']:g} 个，结束 {f['aid_ended']:g} 个；帮扶人新加入 {joined} 人次，"
                       f"退出 {left} 人次。", st["body"]))
    else:
        flow.append(_p("本月互助组没有变化。", st["body"]))
    return _with_heading(heading, flow[:3]) + flow[3:] + [Spacer(0, 2 * mm)]


def _hours(report: MonthReport, st, font: str) -> list[Flowable]:
    heading = _section(SECTION_TITLES[3], st)
    f = report.figures()
    out: list[Flowable]
    if not report.hours:
        out = _with_heading(heading, [Spacer(0, 2 * mm), _p(EMPTY["hours"], st["empty"])])
    else:
        sources = report.hours_by_source()
        parts = "、".join(f"{label} {_fmt(h)}" for label, h in sources if h)
        sentence = f"本月 {f['volunteers']:g} 位志愿者共服务 {_fmt(f['hours'])} 小时（{parts} 小时）。"
        if report.hours_spent:
            sentence += f"志愿者支取和兑换 {_fmt(report.hours_spent)} 小时。"
        chart = _bar_chart([label for label, _ in sources], [h for _, h in sources], font,
                           width=FRAME_WIDTH * 0.75, fill=BAR_FILL_2)
        top = report.hours[:MAX_TOP_VOLUNTEERS]
        widths = (16 * mm, FRAME_WIDTH - 16 * mm - 3 * 32 * mm, 32 * mm, 32 * mm, 32 * mm)
        table = _table(("名次", "姓名", "本月时长", "累计时长", "等级"),
                       [(i, h.name, _fmt(h.month), _fmt(h.earned_total), h.level or "未定级")
                        for i, h in enumerate(top, start=1)], widths, st, "clrrc")
        out = _with_heading(heading, [Spacer(0, 2 * mm), _p(sentence, st["body"]), chart])
        out += [_p(f"本月服务时长前 {len(top)} 名" if len(report.hours) > len(top) else "本月服务时长", st["subhead"]),
                table]
    out.append(_p("本月升级", st["subhead"]))
    if report.level_ups:
        widths = (FRAME_WIDTH - 3 * 36 * mm, 36 * mm, 36 * mm, 36 * mm)
        out.append(_table(("姓名", "原等级", "新等级", "累计时长"),
                          [(u.name, u.old_level or "未定级", u.new_level, _fmt(u.earned)) for u in report.level_ups],
                          widths, st, "lccr"))
    else:
        out.append(_p(EMPTY["level_ups"], st["empty"]))
    return out + [Spacer(0, 4 * mm)]


def _services(report: MonthReport, st) -> list[Flowable]:
    heading = _section(SECTION_TITLES[4], st)
    services = [e for e in report.events if e.type == "志愿服务"]
    if not services:
        return _with_heading(heading, [Spacer(0, 2 * mm), _p(EMPTY["services"], st["empty"])])
    projects: dict[str, list] = {}
    for e in services:
        line = projects.setdefault(e.category or e.title, [0, 0, 0, 0.0])
        line[0] += 1
        line[1] += e.served or 0
        line[2] += e.participants
        line[3] += e.hours or 0
    f = report.figures()
    helpers = sum(e.participants for e in services)
    sentence = f"本月开展志愿服务 {f['services']:g} 场，受益 {f['people_served']:g} 人次，志愿者 {helpers} 人次参加。"
    rows = [(name, n, served, people, _fmt(hours)) for name, (n, served, people, hours) in projects.items()]
    rows.append(("合计", f"{f['services']:g}", f"{f['people_served']:g}", helpers,
                 _fmt(sum(e.hours or 0 for e in services))))
    widths = (FRAME_WIDTH - 4 * 29 * mm,) + (29 * mm,) * 4
    table = _table(("项目", "场次", "受益人次", "志愿者人次", "志愿时长"), rows, widths, st, "lrrrr", total=True)
    return _with_heading(heading, [Spacer(0, 2 * mm), _p(sentence, st["body"]), table]) + [Spacer(0, 4 * mm)]


def _meetings(report: MonthReport, st) -> list[Flowable]:
    heading = _section(SECTION_TITLES[5], st)
    f = report.figures()
    meetings = [e for e in report.events if e.type == "会议"]
    activities = [e for e in report.events if e.type in ("活动", "课堂")]
    from app.meetings import MEETING_KINDS

    kinds = "、".join(f"{label} {f[f'meetings_{kind}']:g} 次" for kind, label in MEETING_KINDS.items()
                      if f[f"meetings_{kind}"])
    flow: list[Flowable] = [Spacer(0, 2 * mm)]
    if meetings:
        flow.append(_p(f"本月召开会议 {len(meetings)} 次（{kinds}）。", st["body"]))
        widths = (28 * mm, 34 * mm, FRAME_WIDTH - 62 * mm)
        flow.append(_table(("日期", "会议", "议题"), [(_md(e.on), e.category, e.title) for e in meetings],
                           widths, st, "ccl"))
    else:
        flow.append(_p(EMPTY["meetings"], st["empty"]))
    flow.append(_p("活动和课堂", st["subhead"]))
    if activities:
        widths = (28 * mm, 20 * mm, FRAME_WIDTH - 28 * mm - 20 * mm - 42 * mm - 26 * mm, 42 * mm, 26 * mm)
        flow.append(_table(("日期", "类型", "名称", "地点", "参加人数"),
                           [(_md(e.on), e.type, e.title, e.place, e.participants) for e in activities],
                           widths, st, "ccllr"))
    else:
        flow.append(_p(EMPTY["activities"], st["empty"]))
    return _with_heading(heading, flow[:3]) + flow[3:] + [Spacer(0, 4 * mm)]


def _photo(data: bytes) -> Image | None:
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
    except Exception:  # a picture reportlab cannot read is left out; the item's text still prints
        return None
    scale = min(PHOTO_WIDTH / width, PHOTO_HEIGHT / height)
    image = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "CENTER"
    return image


def _good_news(report: MonthReport, st) -> list[Flowable]:
    heading = _section(SECTION_TITLES[6], st)
    if not report.good_news:
        return _with_heading(heading, [Spacer(0, 2 * mm), _p(EMPTY["good_news"], st["empty"])])
    out: list[Flowable] = [CondPageBreak(45 * mm)]
    for number, item in enumerate(report.good_news, start=1):
        block: list[Flowable] = [_p(f"{number}. {item.title}", st["news_title"])]
        if item.body:
            block.append(_p(item.body, st["body"]))
        photo = _photo(item.photo) if item.photo else None
        if photo is not None:
            block += [photo, Spacer(0, 3 * mm)]
        if number == 1:  # the heading goes with the first item, never alone at a page's foot
            block[0:0] = [heading, Spacer(0, 1 * mm)]
        # A short item keeps its title, text and photo on one page; a long one may break between them.
        if sum(len(b.text) for b in block if isinstance(b, Paragraph)) < 400:
            out.append(KeepTogether(block))
        else:
            out += [KeepTogether(block[:3]), *block[3:]]
    return out + [Spacer(0, 4 * mm)]


def _coming(report: MonthReport, st) -> list[Flowable]:
    heading = _section(SECTION_TITLES[7], st)
    coming = report.coming
    import datetime

    month = datetime.date.fromisoformat(coming.month + "-01")
    flow: list[Flowable] = [Spacer(0, 2 * mm), _p(f"{month.year}年{month.month}月值班安排", st["subhead"])]
    if coming.planned:
        places = sum(line.places for line in coming.rota)
        filled = sum(line.filled for line in coming.rota)
        sentence = f"共 {sum(line.shifts for line in coming.rota)} 个班次，需要 {places} 人次，已排 {filled} 人次"
        sentence += f"，还缺 {places - filled} 人次。" if places > filled else "，已全部排满。"
        flow.append(_p(sentence, st["body"]))
        widths = (FRAME_WIDTH - 36 * mm - 3 * 26 * mm, 36 * mm, 26 * mm, 26 * mm, 26 * mm)
        flow.append(_table(("班次", "时间", "次数", "需要人次", "已排人次"),
                           [(line.name, line.time, line.shifts, line.places, line.filled) for line in coming.rota],
                           widths, st, "lcrrr"))
        if coming.duty_counts:
            names = "、".join(f"{name} {count} 次" for name, count in coming.duty_counts)
            flow.append(Spacer(0, 2 * mm))
            flow.append(_p(f"值班志愿者（{len(coming.duty_counts)} 人）：{names}。", st["body"]))
    else:
        flow.append(_p(EMPTY["rota"], st["empty"]))
    out = _with_heading(heading, flow[:3]) + flow[3:]
    out.append(_p("节日慰问", st["subhead"]))
    if coming.festivals:
        widths = (36 * mm, 46 * mm, FRAME_WIDTH - 82 * mm)
        out.append(_table(("日期", "节日", f"应慰问的{coming.elderly_age}岁以上党员"),
                          [(_md(g.day), g.name, f"{g.elderly} 人") for g in coming.festivals], widths, st, "ccr"))
    else:
        out.append(_p(EMPTY["festivals"], st["empty"]))
    out.append(_p(f"{coming.elderly_age}岁以上党员生日", st["subhead"]))
    if coming.birthdays:
        widths = (30 * mm, FRAME_WIDTH - 30 * mm - 26 * mm - 50 * mm, 26 * mm, 50 * mm)
        out.append(_table(("日期", "姓名", "年龄", "按农历过"),
                          [(_md(b.day), b.name, f"{b.age} 岁", b.lunar) for b in coming.birthdays],
                          widths, st, "clrc"))
    else:
        out.append(_p(EMPTY["birthdays"].format(age=coming.elderly_age), st["empty"]))
    return out


# ---------------------------------------------------------------- the document


def write_bulletin(path, report: MonthReport) -> int:
    """Render the month's bulletin to ``path`` (A4 portrait) and return its number of pages."""
    font = fonts.register()
    break_chinese_properly()
    st = _styles(font)
    club = UNDRAWABLE.sub("", report.club_name).replace("\n", " ").replace("\r", " ")
    title = f"{club}{report.label}{SUBJECT}"
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4,
        leftMargin=MARGIN - FRAME_PADDING, rightMargin=MARGIN - FRAME_PADDING,
        topMargin=MARGIN - FRAME_PADDING, bottomMargin=BOTTOM_MARGIN - FRAME_PADDING,
        title=title, author=club, subject=SUBJECT, creator="服务社工作台", lang="zh-CN",
        initialFontName=font, initialFontSize=BODY_SIZE,
    )
    story: list[Flowable] = []
    story += _cover(report, st)
    story += _visits(report, st, font)
    story += _reports(report, st)
    story += _aid(report, st, font)
    story += _hours(report, st, font)
    story += _services(report, st)
    story += _meetings(report, st)
    story += _good_news(report, st)
    story += _coming(report, st)
    pages: list[int] = []
    doc.build(story, canvasmaker=footed_canvas(font, club, pages, right=f"{report.label}{SUBJECT}",
                                                margin=MARGIN, footer_y=FOOTER_Y))
    write_atomically(path, out.getvalue())
    return pages[0]


def save_bulletin(db: sqlite_utils.Database, month: str, path: str | Path, *,
                  today: datetime.date | None = None) -> int:
    """Gather the month and write its bulletin PDF to ``path``; returns the number of pages."""
    return write_bulletin(Path(path), gather(db, month, today=today))
