"""Registers the bundled CJK font with reportlab, so every PDF embeds it and Chinese renders anywhere."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app import paths

FONT = "WenQuanYi"  # the registered name of face 0 of wqy-microhei.ttc ("WenQuanYi Micro Hei")


def register() -> str:
    """Register the font (once; later calls do nothing) and return its name for styles and ``setFont``.

    reportlab embeds (a subset of) every TrueType font it draws with, so a PDF set only in this font reads the
    same on any machine. The collection has no bold face and reportlab cannot fake bold for TrueType, so the
    family maps bold, italic and bold italic to the same face: ``<b>`` in Paragraph markup then stays in the
    embedded font instead of switching to an unembedded Helvetica. Set headings apart by size and shading.
    """
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(paths.font_file()), subfontIndex=0))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)
    return FONT
