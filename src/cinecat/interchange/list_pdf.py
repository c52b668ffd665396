"""The printable list of a selection as a PDF: what it is (the collection, the filters, the
day) and a table of its copies, repeated headings on every page. Drawn by reportlab."""

import io
from collections.abc import Iterable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from cinecat.catalog.label_sheet import fonts, where

HEADINGS = ("#", "Title", "Year", "Format", "Where")
WIDTHS = (14 * mm, 74 * mm, 13 * mm, 20 * mm, 59 * mm)


def _styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    regular, bold = fonts()
    title = ParagraphStyle("title", fontName=bold, fontSize=16, leading=20)
    said = ParagraphStyle("said", fontName=regular, fontSize=9, leading=12)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10)
    return title, said, cell


def _text(value) -> str:
    """Text as a paragraph reads it: its markup characters escaped."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def row(copy, cell: ParagraphStyle) -> list:
    work = copy.first_work
    year = getattr(copy, "year", None) or (work.year if work else None)
    return [
        str(copy.index),
        Paragraph(_text(work.title if work else ""), cell),
        str(year or ""),
        str(copy.edition.format),
        Paragraph(_text(where(copy)), cell),
    ]


def list_pdf(copies: Iterable, heading: str, stated: list[str]) -> bytes:
    """The copies (copy rows) under ``heading``, then ``stated`` (the filters, the count, the
    day) one line each."""
    title, said, cell = _styles()
    regular, bold = fonts()
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        title=heading,
        author="cinecat",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    rows = [list(HEADINGS), *(row(copy, cell) for copy in copies)]
    table = LongTable(rows, colWidths=WIDTHS, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), bold, 8),
                ("FONT", (0, 1), (-1, -1), regular, 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    story = [Paragraph(_text(heading), title), *(Paragraph(_text(line), said) for line in stated)]
    document.build([*story, Spacer(1, 4 * mm), table])
    return out.getvalue()
