"""The printed certificates: the service-hours certificate (志愿服务证明) and the award certificate (荣誉证书).

Plain data in (no database, no window): the caller passes the paragraphs already worded and the figures.
One page per certificate, large type, a ring left blank for the club's seal.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from app import awards, certificates
from app.reports import fonts
from app.reports.pdf import long_day, markup, write_atomically

RED = colors.HexColor("#B22222")
GREY = colors.HexColor("#555555")


@dataclass(frozen=True)
class ServiceCertificate:
    number: str
    paragraphs: Sequence[str]
    issued_on: datetime.date
    issued_by: str
    purpose: str = ""


@dataclass(frozen=True)
class AwardCertificate:
    name: str
    year: int
    title: str         # 最美志愿者 / 功勋志愿者
    citation: str


def _paragraph(c: canvas.Canvas, text: str, style: ParagraphStyle, x: float, top: float, width: float) -> float:
    """Draw ``text`` wrapped to ``width`` with its top at ``top``; returns the y below it."""
    para = Paragraph(markup(text), style)
    _, height = para.wrap(width, 10_000)
    para.drawOn(c, x, top - height)
    return top - height


def _seal_ring(c: canvas.Canvas, font: str, x: float, y: float, radius: float = 20 * mm) -> None:
    c.saveState()
    c.setStrokeColor(colors.HexColor("#BBBBBB"))
    c.setDash(3, 3)
    c.circle(x, y, radius)
    c.setFillColor(colors.HexColor("#999999"))
    c.setFont(font, 12)
    c.drawCentredString(x, y - 4, "（盖章）")
    c.restoreState()


def _issuer_block(c: canvas.Canvas, font: str, club: str, day: datetime.date, right: float, y: float,
                  size: float) -> None:
    c.setFont(font, size)
    c.setFillColor(colors.black)
    c.drawRightString(right, y, club or "党员服务社")
    c.drawRightString(right, y - size * 1.8, long_day(day))
    width = max(c.stringWidth(club or "党员服务社", font, size), c.stringWidth(long_day(day), font, size))
    _seal_ring(c, font, right - width / 2, y - size * 0.6)


def write_service_certificates(path, certificates: Sequence[ServiceCertificate], *, club_name: str) -> int:
    """Write one A4 page per certificate; returns the page count."""
    font = fonts.register()
    width, height = A4
    margin = 25 * mm
    body = ParagraphStyle("body", fontName=font, fontSize=16, leading=16 * 1.9, wordWrap="CJK",
                          alignment=TA_JUSTIFY, firstLineIndent=32)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, pageCompression=1, initialFontName=font)
    c.setTitle("志愿服务证明")
    c.setAuthor(club_name)
    for cert in certificates or []:
        c.setStrokeColor(RED)
        c.setLineWidth(2)
        c.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
        c.setLineWidth(0.6)
        c.rect(17.5 * mm, 17.5 * mm, width - 35 * mm, height - 35 * mm)
        c.setFillColor(colors.black)
        c.setFont(font, 30)
        c.drawCentredString(width / 2, height - 55 * mm, "志愿服务证明")
        c.setFont(font, 13)
        c.setFillColor(GREY)
        c.drawRightString(width - margin, height - 70 * mm, f"编号：{cert.number}")
        y = height - 85 * mm
        for text in cert.paragraphs:
            y = _paragraph(c, text, body, margin, y, width - 2 * margin) - 5 * mm
        if cert.purpose:
            y = _paragraph(c, f"用途：{cert.purpose}", body, margin, y, width - 2 * margin) - 5 * mm
        _issuer_block(c, font, club_name, cert.issued_on, width - margin, min(y - 20 * mm, 95 * mm), 16)
        c.setFont(font, 11)
        c.setFillColor(GREY)
        c.drawString(margin, 30 * mm, f"记录人：{cert.issued_by}")
        note = Paragraph(markup("本证明依据《志愿服务记录与证明出具办法》出具，服务时长按实际服务时间记录，不含往返路程；"
                                 "可凭编号在本社证明登记簿查验。"),
                         ParagraphStyle("note", fontName=font, fontSize=11, leading=15, wordWrap="CJK",
                                        textColor=GREY))
        _, h = note.wrap(width - 2 * margin, 100)
        note.drawOn(c, margin, 27 * mm - h)
        c.showPage()
    pages = c.getPageNumber() - 1
    c.save()
    write_atomically(path, out.getvalue())
    return pages


def write_award_certificates(path, certificates: Sequence[AwardCertificate], *, club_name: str,
                             on: datetime.date) -> int:
    """Write one landscape A4 page per awardee; returns the page count."""
    font = fonts.register()
    size = landscape(A4)
    width, height = size
    margin = 35 * mm
    citation = ParagraphStyle("citation", fontName=font, fontSize=18, leading=18 * 1.8, wordWrap="CJK",
                              alignment=TA_CENTER)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=size, pageCompression=1, initialFontName=font)
    c.setTitle("荣誉证书")
    c.setAuthor(club_name)
    for cert in certificates or []:
        c.setStrokeColor(RED)
        c.setLineWidth(4)
        c.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
        c.setLineWidth(1)
        c.rect(16 * mm, 16 * mm, width - 32 * mm, height - 32 * mm)
        c.setFillColor(RED)
        c.setFont(font, 44)
        c.drawCentredString(width / 2, height - 50 * mm, "荣誉证书")
        c.setFillColor(colors.black)
        c.setFont(font, 24)
        c.drawString(margin, height - 75 * mm, f"{cert.name} 同志：")
        y = _paragraph(c, f"在{cert.year}年度志愿服务中表现突出，被评为", citation, margin, height - 85 * mm,
                       width - 2 * margin)
        c.setFillColor(RED)
        c.setFont(font, 34)
        c.drawCentredString(width / 2, y - 16 * mm, f"“{cert.title}”")
        y -= 24 * mm
        if cert.citation:
            y = _paragraph(c, f"（{cert.citation}）", ParagraphStyle("small", parent=citation, fontSize=15,
                                                                   leading=15 * 1.6, textColor=GREY),
                           margin, y, width - 2 * margin)
        _paragraph(c, "特发此证，以资鼓励。", citation, margin, y - 4 * mm, width - 2 * margin)
        _issuer_block(c, font, club_name, on, width - margin, 45 * mm, 18)
        c.showPage()
    pages = c.getPageNumber() - 1
    c.save()
    write_atomically(path, out.getvalue())
    return pages


def save_service_certificates(db, numbers: Sequence[str], path) -> int:
    """Print (or reprint) registered certificates, one page each, from the register; returns the pages."""
    club, made = certificates.printed(db, list(numbers))
    return write_service_certificates(path, [ServiceCertificate(**row) for row in made], club_name=club)


def save_award_certificates(db, year: int, path, *, on: datetime.date | None = None) -> int:
    """Print an award certificate for each of the year's awardees; returns the pages."""
    club, made = awards.printed_awards(db, year)
    return write_award_certificates(path, [AwardCertificate(**row) for row in made], club_name=club,
                                    on=on or datetime.date.today())
