"""The printable list of a selection as a PDF: what it is (the collection, the filters, the
day) and a table of its copies, repeated headings on every page. Drawn by reportlab."""

import io
from collections.abc import Iterable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from cinecat.catalog.label_sheet import fonts

WIDE = {"Title": 3.0, "Location": 2.0}  # how much wider than the others these columns are
MARGIN = 15 * mm
UPRIGHT_COLUMNS = 8  # more than these and the page is turned on its side


def _styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    regular, bold = fonts()
    title = ParagraphStyle("title", fontName=bold, fontSize=16, leading=20)
    said = ParagraphStyle("said", fontName=regular, fontSize=9, leading=12)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10)
    return title, said, cell


def _text(value) -> str:
    """Text as a paragraph reads it: its markup characters escaped."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def widths(headings: list[str], page_width: float) -> list[float]:
    shares = [WIDE.get(heading, 1.0) for heading in headings]
    room = page_width - 2 * MARGIN
    return [room * share / sum(shares) for share in shares]


def list_pdf(
    headings: list[str], rows: Iterable[list[str]], heading: str, stated: list[str]
) -> bytes:
    """A table of ``rows`` (one a copy, its values as ``headings`` name them) under
    ``heading``, then ``stated`` (the filters, the count, the day) one line each, as PDF bytes.
    Cells wrap: a long title takes two lines, not the next column."""
    title, said, cell = _styles()
    regular, bold = fonts()
    out = io.BytesIO()
    page = A4 if len(headings) <= UPRIGHT_COLUMNS else landscape(A4)
    document = SimpleDocTemplate(
        out,
        pagesize=page,
        title=heading,
        author="cinecat",
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    cells = [list(headings), *([Paragraph(_text(value), cell) for value in row] for row in rows)]
    table = LongTable(cells, colWidths=widths(headings, page[0]), repeatRows=1)
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
