"""Printable labels as a PDF: a sheet of stickers for shelves, storage devices and copies.

Each label has a heading (a copy's index, a shelf's or a device's name), a few lines under it
and a QR code of its page, so a phone pointed at a box opens what is in it. The sheet is A4
with 3 × 8 labels of 70 × 37 mm, the most common sticker sheet (Avery L7160's size, near
enough for 3475 and its kin). Drawn by reportlab, which also draws the QR code.
"""

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

COLUMNS, ROWS = 3, 8
WIDTH, HEIGHT = 70 * mm, 37 * mm
PADDING = 3 * mm
QR_SIZE = 24 * mm  # a phone reads it from arm's length
# A font with the accents and scripts titles are written in: DejaVu where the system has it,
# else the Vera reportlab ships (Latin only) rather than the PDF core fonts (Latin-1 only).
FONTS = (
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (
        Path(reportlab.__file__).parent / "fonts" / "Vera.ttf",
        Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf",
    ),
)


@dataclass(frozen=True)
class Label:
    heading: str  # '#12', 'Living room › Shelf 2', 'TD 05'
    lines: tuple[str, ...]  # under it: a title (on two lines when long), its format, its place
    link: str  # the page the QR code opens, an absolute address


@cache
def fonts() -> tuple[str, str]:
    """The regular and bold font names, registered once."""
    for regular, bold in FONTS:
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("Label", str(regular)))
            pdfmetrics.registerFont(TTFont("Label-Bold", str(bold)))
            return "Label", "Label-Bold"
    return "Helvetica", "Helvetica-Bold"


def sheet(labels: Iterable[Label], title: str) -> bytes:
    """The labels as a PDF, left to right and top to bottom, as many pages as they need."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("cinecat")
    page_width, page_height = A4
    left = (page_width - COLUMNS * WIDTH) / 2
    top = page_height - (page_height - ROWS * HEIGHT) / 2
    place = 0
    for label in labels:
        if place == COLUMNS * ROWS:
            canvas.showPage()
            place = 0
        row, column = divmod(place, COLUMNS)
        _draw(canvas, label, left + column * WIDTH, top - (row + 1) * HEIGHT)
        place += 1
    if place == 0:  # a sheet with no label says so rather than be an empty file
        canvas.setFont(fonts()[0], 12)
        canvas.drawString(left, top - 12, "No labels to print.")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw(canvas: Canvas, label: Label, x: float, y: float) -> None:
    regular, bold = fonts()
    widget = QrCodeWidget(label.link, barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x2 - x1), 0, 0, QR_SIZE / (y2 - y1), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x + WIDTH - PADDING - QR_SIZE, y + PADDING)
    room = WIDTH - 3 * PADDING - QR_SIZE
    line_y = y + HEIGHT - PADDING - 12
    canvas.setFont(bold, 12)
    canvas.drawString(x + PADDING, line_y, fit(label.heading, bold, 12, room))
    canvas.setFont(regular, 8)
    shown = wrap(label.lines[0], regular, 8, room) if label.lines else []
    for line in [*shown, *label.lines[1:]][:5]:
        line_y -= 9.5
        canvas.drawString(x + PADDING, line_y, fit(line, regular, 8, room))


def wrap(text: str, font: str, size: float, room: float) -> list[str]:
    """``text`` on at most two lines of ``room`` points, broken between words."""
    words, first = text.split(), ""
    while words and pdfmetrics.stringWidth(f"{first} {words[0]}".strip(), font, size) <= room:
        first = f"{first} {words.pop(0)}".strip()
    if not first:  # one word longer than the line: it is cut
        return [text]
    return [first, " ".join(words)] if words else [first]


def fit(text: str, font: str, size: float, room: float) -> str:
    """``text`` cut with an ellipsis to fit ``room`` points."""
    if pdfmetrics.stringWidth(text, font, size) <= room:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


# -- what each label says ---------------------------------------------------------------------


def places_of(copy) -> tuple[str, str]:
    """('Living room › Shelf 2', 'TD 05 / 12'): where a copy is kept, either may be empty."""
    device = ""
    if copy.storage_device_id:
        device = copy.storage_device.name + (f" / {copy.storage_slot}" if copy.storage_slot else "")
    return (copy.location.path if copy.location_id else "", device)


def where(copy) -> str:
    """'Living room › Shelf 2 · TD 05 / 12': where a copy is kept, on one line."""
    return " · ".join(part for part in places_of(copy) if part)


def copy_label(copy, link: str) -> Label:
    work = copy.first_work
    title = work.title if work else ""
    year = f" ({work.year})" if work and work.year else ""
    lines = (f"{title}{year}", str(copy.edition.format), *places_of(copy))
    return Label(f"#{copy.index}", tuple(line for line in lines if line), link)


def place_label(place, held: int, link: str) -> Label:
    count = f"{held} cop{'y' if held == 1 else 'ies'}"
    return Label(place.name, (place.path, count) if place.parent_id else (count,), link)


def device_label(device, held: int, link: str) -> Label:
    kind = device.get_kind_display() or "Storage device"
    room = f"slots 1–{device.capacity}" if device.capacity else "no limit of slots"
    count = f"{held} cop{'y' if held == 1 else 'ies'}"
    return Label(device.name, (kind, f"{count}, {room}"), link)


def copies_sheet(copies: Iterable, absolute: Callable[[str], str], title: str) -> bytes:
    """A label for each of ``copies`` (copy rows), its QR code ``absolute`` of its page."""
    return sheet((copy_label(copy, absolute(copy.get_absolute_url())) for copy in copies), title)
