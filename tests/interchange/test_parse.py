"""The numbers, dates, running times and prices of other cataloguers' files, read one way."""

import datetime as dt
from decimal import Decimal

import pytest

from cinecat.interchange.formats import parse
from cinecat.interchange.formats.base import FormatError


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("$44.55", (Decimal("44.55"), "USD")),
        ("12,99 €", (Decimal("12.99"), "EUR")),
        ("EUR 1.299,00", (Decimal("1299.00"), "EUR")),
        ("£5", (Decimal("5"), "GBP")),
        ("19.99 CAD", (Decimal("19.99"), "CAD")),
        ("1,299.50 USD", (Decimal("1299.50"), "USD")),
        ("cheap", None),
    ],
)
def test_reads_a_price_with_its_iso_currency(written, expected):
    assert parse.price_or_none(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [("102", 102), ("102 min", 102), ("1h42", 102), ("2:13:00", 133), ("1:42", 102), ("?", None)],
)
def test_reads_a_runtime_in_minutes(written, expected):
    assert parse.runtime_or_none(written) == expected


# "²" and "³" are digits to str.isdigit() that int() refuses; "٣" (Arabic-Indic three) and
# "３" (full width) are digits int() reads. No cataloguer writes them: they are refused alike.
NOT_ASCII = ["19²", "³", "١٩٧٩", "１９７９"]


@pytest.mark.parametrize("written", NOT_ASCII)
def test_a_whole_number_is_ascii_digits_only(written):
    assert written.isdigit()  # what the readers used to trust
    assert not parse.is_whole_number(written)
    with pytest.raises(FormatError) as error:
        parse.whole_number(written, "<DVD> #3", "ProductionYear")
    assert str(error.value) == f"<DVD> #3: ProductionYear {written!r} is not a whole number"


def test_a_whole_number_error_names_the_line_too_when_the_format_knows_it():
    with pytest.raises(FormatError) as error:
        parse.whole_number("12a", "<movie> #1", "index", line=3)
    assert (error.value.where, error.value.line) == ("<movie> #1", 3)
    assert str(error.value) == "<movie> #1 (line 3): index '12a' is not a whole number"


def test_a_value_whose_entry_and_field_the_caller_names_says_only_what_is_wrong():
    with pytest.raises(FormatError) as error:
        parse.whole_number("x")
    assert str(error.value) == "'x' is not a whole number"


def test_more_digits_than_int_reads_are_no_whole_number():
    assert not parse.is_whole_number("1" * 5000)
    with pytest.raises(FormatError, match="is not a whole number"):
        parse.whole_number("1" * 5000)
    assert parse.runtime_or_none("1" * 5000 + ":00") is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [("1979", 1979), ("007", 7), ("0", 0)],
)
def test_reads_a_whole_number(written, expected):
    assert parse.whole_number(written) == expected


@pytest.mark.parametrize(
    "written", [*NOT_ASCII, "", " 12", "1e3", "NaN", "-Infinity", "12.50,", "1,5", "١٢.٥"]
)
def test_a_decimal_number_is_plain_ascii(written):
    assert parse.decimal_or_none(written) is None
    with pytest.raises(FormatError, match="is not a decimal number"):
        parse.decimal(written, "<DVD> #1", "PurchaseInfo/PurchasePrice")


@pytest.mark.parametrize(
    ("written", "expected"),
    [("12.50", Decimal("12.50")), ("-3", Decimal(-3)), (".5", Decimal("0.5")), ("5.", Decimal(5))],
)
def test_reads_a_decimal_number(written, expected):
    assert parse.decimal(written) == expected


@pytest.mark.parametrize("written", ["1²0", "1h4²", "١:٤٢", "١٠٢ min"])
def test_a_runtime_with_digits_int_would_refuse_or_misread_is_refused(written):
    assert parse.runtime_or_none(written) is None
    with pytest.raises(FormatError) as error:
        parse.runtime(written, "<item> #2 (line 9)", "time")
    assert str(error.value) == f"<item> #2 (line 9): time {written!r} is not a running time"


@pytest.mark.parametrize("written", ["$4²", "١٢,٩٩ €", "EUR"])
def test_a_price_with_no_ascii_amount_is_refused(written):
    assert parse.price_or_none(written) is None
    with pytest.raises(FormatError) as error:
        parse.price(written, line=4)
    assert str(error.value) == f"line 4: {written!r} is not a price"


@pytest.mark.parametrize(
    ("layout", "written", "expected"),
    [
        (parse.ISO_DATE, "2004-08-07", dt.date(2004, 8, 7)),
        (parse.US_DATE, "3/23/2012", dt.date(2012, 3, 23)),
        (parse.MONTH_NAME_DATE, "Sep 08, 2017", dt.date(2017, 9, 8)),
        (parse.DAY_FIRST_DATE, "25/03/2006", dt.date(2006, 3, 25)),
        (parse.DAY_FIRST_DASHED_DATE, "25-03-2006", dt.date(2006, 3, 25)),
    ],
)
def test_reads_the_date_shapes_the_formats_write(layout, written, expected):
    assert parse.date(written, layout) == expected


@pytest.mark.parametrize(
    ("layout", "written"),
    [
        (parse.ISO_DATE, "２００４-08-07"),
        (parse.US_DATE, "3/23/٢٠١٢"),  # strptime would read it as 2012
        (parse.US_DATE, "2/30/2012"),  # no such day
        (parse.MONTH_NAME_DATE, "Sep 0², 2017"),
        (parse.DAY_FIRST_DATE, "03/25/2006"),  # month first
    ],
)
def test_a_date_not_in_its_layout_is_refused_saying_the_layout(layout, written):
    assert parse.date_or_none(written, layout) is None
    with pytest.raises(FormatError) as error:
        parse.date(written, layout, "<movie> #2", "purchasedate")
    assert str(error.value) == f"<movie> #2: purchasedate {written!r} is not {layout.what}"


def test_reads_a_time_as_written_with_its_zone_if_it_names_one():
    assert parse.moment("2008-05-14T23:52:45Z", parse.ISO_TIME) == dt.datetime(
        2008, 5, 14, 23, 52, 45, tzinfo=dt.UTC
    )
    assert parse.moment("7/25/2020 1:45:22 PM", parse.US_TIME) == dt.datetime(
        2020, 7, 25, 13, 45, 22
    )
    with pytest.raises(FormatError, match="is not a date and time like 'Jan 04, 2026 18:20:50'"):
        parse.moment("Jan 04, 2026 18:2²:50", parse.MONTH_NAME_TIME)


def test_a_layout_of_several_shapes_tries_each_in_turn():
    layout = parse.Layout((parse.ISO, "%m/%d/%Y"), "a date (YYYY-MM-DD or MM/DD/YYYY)")
    assert parse.moment("2020-03-04T10:00", layout) == dt.datetime(2020, 3, 4, 10)
    assert parse.moment("03/04/2020", layout) == dt.datetime(2020, 3, 4)
    with pytest.raises(FormatError, match=r"'4\.3\.2020' is not a date \(YYYY-MM-DD or MM/DD"):
        parse.moment("4.3.2020", layout)
