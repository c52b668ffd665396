"""The statistics as charts: each tally laid out as the bars of an SVG drawn by a template.

Two layouts: ``bars`` (horizontal, a value per row: formats, genres, people) and ``columns``
(vertical, a time line: years, months). The geometry is worked out here, in the SVG's own
units (the picture scales to its box), so the template only places what it is given. Each bar
links to the list of its copies; the same numbers make the chart's table and its CSV.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .figures import Figures, Tally, YearInReview

WIDTH = 400
ROW = 24  # a bar's row, in the bars layout
LABEL = 150  # room for the labels left of the bars
VALUE = 62  # room for the numbers right of them
PLOT = 150  # the columns' height
DRAWN = 15  # bars drawn; the table and the CSV have every value kept
SHORT = 24  # characters of a label drawn (the whole label is the bar's title)

Link = Callable[[str, str], str]  # (filter key, value) → the list's URL of those copies


@dataclass(frozen=True)
class Bar:
    label: str
    number: str  # as shown: '1,234' or 'USD 1,234.50'
    title: str  # what a pointer over it reads: 'DVD: 41,051 copies'
    href: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    number_x: float
    number_y: float
    shown: str  # the label as drawn, cut short


@dataclass(frozen=True)
class Row:
    label: str
    number: str
    href: str
    count: int
    amount: str
    size: float  # what the bar's length stands for: the count, or the amount


@dataclass(frozen=True)
class Chart:
    key: str  # its name in ids and in the CSV's URL
    title: str
    layout: str  # 'bars' or 'columns'
    unit: str  # what a count counts
    width: int
    height: int
    bars: tuple[Bar, ...]
    rows: tuple[Row, ...]
    description: str
    money: bool = False

    @property
    def more(self) -> int:
        return len(self.rows) - len(self.bars)


def chart(
    key: str, title: str, tallies: list[Tally], link: Link, *, filter_key: str, **options
) -> Chart:
    """``tallies`` as a chart whose bars open the list filtered by ``filter_key``."""
    layout = options.get("layout", "bars")
    money = options.get("currency") is not None
    unit = options.get("unit", "copies")
    rows = tuple(_row(tally, link, filter_key, options.get("currency")) for tally in tallies)
    drawn = rows if layout == "columns" else rows[:DRAWN]
    values = [row.size for row in drawn]
    place = _columns if layout == "columns" else _bars
    bars, height = place(drawn, values, unit, money)
    return Chart(
        key, title, layout, unit, WIDTH, height, bars, rows, _description(rows, unit), money
    )


def _row(tally: Tally, link: Link, key: str, currency: str | None) -> Row:
    amount = f"{currency} {tally.amount:,.2f}".strip() if tally.amount is not None else ""
    number = amount if currency is not None else f"{tally.count:,}"
    href = link(key, tally.value) if tally.value else ""
    size = float(tally.amount) if currency is not None and tally.amount else tally.count
    return Row(tally.label, number, href, tally.count, amount, size)


def _bars(rows, values, unit, money) -> tuple[tuple[Bar, ...], int]:
    room = WIDTH - LABEL - VALUE
    top = max(values, default=0) or 1
    bars = []
    for place, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = place * ROW + 3
        width = max(room * value / top, 1 if value else 0)
        bars.append(
            Bar(
                row.label,
                row.number,
                _title(row, unit, money),
                row.href,
                x=LABEL,
                y=y,
                width=round(width, 1),
                height=ROW - 6,
                label_x=LABEL - 6,
                label_y=y + ROW / 2 + 1,
                number_x=round(LABEL + width + 4, 1),
                number_y=y + ROW / 2 + 1,
                shown=_short(row.label),
            )
        )
    return tuple(bars), max(len(bars), 1) * ROW + 6


def _columns(rows, values, unit, money) -> tuple[tuple[Bar, ...], int]:
    count = max(len(rows), 1)
    step = (WIDTH - 8) / count
    top = max(values, default=0) or 1
    every = 1 if count <= 12 else 5 if count <= 60 else 10  # which columns are named below
    bars = []
    for place, (row, value) in enumerate(zip(rows, values, strict=True)):
        height = PLOT * value / top
        x = 4 + place * step + step * 0.12
        named = place % every == 0 or place == count - 1
        bars.append(
            Bar(
                row.label,
                row.number if count <= 12 else "",
                _title(row, unit, money),
                row.href,
                x=round(x, 1),
                y=round(18 + PLOT - height, 1),
                width=round(step * 0.76, 1),
                height=round(height, 1),
                label_x=round(x + step * 0.38, 1),
                label_y=18 + PLOT + 14,
                number_x=round(x + step * 0.38, 1),
                number_y=round(18 + PLOT - height - 4, 1),
                shown=row.label if named else "",
            )
        )
    return tuple(bars), 18 + PLOT + 22


def _title(row: Row, unit: str, money: bool) -> str:
    if money:
        return f"{row.label}: {row.amount} for {row.count:,} {_unit(unit, row.count)}"
    return f"{row.label}: {row.number} {_unit(unit, row.count)}"


def _unit(unit: str, count: int) -> str:
    singular = {"copies": "copy", "viewings": "viewing"}.get(unit, unit)
    return singular if count == 1 else unit


def _short(label: str) -> str:
    return label if len(label) <= SHORT else label[: SHORT - 1].rstrip() + "…"


def _description(rows: tuple[Row, ...], unit: str) -> str:
    if not rows:
        return "Nothing to count."
    shown = "; ".join(f"{row.label} {row.number}" for row in rows[:DRAWN])
    more = f"; and {len(rows) - DRAWN} more in the table" if len(rows) > DRAWN else ""
    return f"{len(rows)} values ({unit}): {shown}{more}."


# -- the page's charts ----------------------------------------------------------------------

TITLES = {
    "format": "Copies by format",
    "genre": "Copies by genre",
    "decade": "Copies by decade",
    "country": "Copies by country",
    "language": "Copies by language",
    "rating": "Copies by audience rating",
    "location": "Copies by location",
    "owner": "Copies by owner",
}


def contents(found: Figures, link: Link) -> list[Chart]:
    """What is in the selection: a chart per facet, and watched or not."""
    charts = [
        chart(key, TITLES[key], tallies, link, filter_key=key)
        for key, tallies in found.by.items()
        if tallies
    ]
    charts.append(chart("seen", "Watched and never watched", found.seen, link, filter_key="seen"))
    return charts


def over_time(found: Figures, link: Link) -> list[Chart]:
    """Additions, purchases and spending, year by year."""
    charts = [
        chart(
            "added", "Added per year", found.added_years, link, filter_key="added", layout="columns"
        ),
        chart(
            "bought",
            "Bought per year",
            found.bought_years,
            link,
            filter_key="bought",
            layout="columns",
        ),
    ]
    for currency, tallies in found.spend_years.items():
        name = currency or "no currency given"
        charts.append(
            chart(
                f"spent-{currency or 'none'}",
                f"Spent per year ({name})",
                tallies,
                link,
                filter_key="bought",
                layout="columns",
                currency=currency,
            )
        )
    return [found for found in charts if found.rows]


def people(found: Figures, link: Link) -> list[Chart]:
    return [
        chart(key, title, tallies, link, filter_key="person")
        for key, title, tallies in (
            ("actors", "Top actors", found.actors),
            ("directors", "Top directors", found.directors),
        )
        if tallies
    ]


def year_charts(review: YearInReview, link: Link) -> list[Chart]:
    year = review.year
    return [
        chart(
            "added-months",
            f"Added in {year}, per month",
            review.added_months,
            link,
            filter_key="added",
            layout="columns",
        ),
        chart(
            "bought-months",
            f"Bought in {year}, per month",
            review.bought_months,
            link,
            filter_key="bought",
            layout="columns",
        ),
    ]
