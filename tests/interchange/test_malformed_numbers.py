"""A number no one can read, in any format, is kept on its entry as written, flagged, and
named in the import's report with its field; the rest of the entry and of the file is imported.

"²" is a digit to ``str.isdigit()`` but not to ``int()``: readers that trusted the first and
called the second raised a bare ValueError, so the command line printed a traceback and a web
import stayed queued for ever. Some files below held a value no parse refused but that broke
on its way to a number (an infinite <real>, seconds past the year 9999); others a number in
digits cinecat does not read ("١٢", which ``int()`` and ``Decimal()`` take for 12). A backup,
which cinecat wrote itself, is refused whole: such a value there is damage, not a habit.
"""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from cinecat.catalog.models import Copy, Edition, Work
from cinecat.interchange.models import ImportJob
from cinecat.interchange.services import run_stored_job, shortened
from tests.conftest import REFERENCE

PLIST_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><array><dict>\n'
    "<key>uuidString</key><string>A1</string>\n<key>title</key><string>Heat</string>\n"
)
TELLICO_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<tellico xmlns="http://periapsis.org/tellico/" syntaxVersion="11">\n'
    '<collection title="My Videos" type="3">\n'
)

CASES = {
    "dvdprofiler: a year": (
        "collection.xml",
        "<Collection>\n<DVD>\n<ID>M1</ID>\n<Title>Heat</Title>\n"
        "<ProductionYear>19²</ProductionYear>\n</DVD>\n</Collection>\n",
        "<DVD> #1 (line 5): ProductionYear '19²' is not a whole number",
    ),
    "dvdprofiler: a running time": (
        "collection.xml",
        "<Collection>\n<DVD>\n<ID>M1</ID>\n<Title>Heat</Title>\n"
        "<RunningTime>17⁰</RunningTime>\n</DVD>\n</Collection>\n",
        "<DVD> #1 (line 5): RunningTime '17⁰' is not a whole number",
    ),
    "dvdprofiler: a price": (
        "collection.xml",
        "<Collection>\n<DVD>\n<ID>M1</ID>\n<Title>Heat</Title>\n<PurchaseInfo>\n"
        '<PurchasePrice DenominationType="USD">١٩.٩٥</PurchasePrice>\n</PurchaseInfo>\n'
        "</DVD>\n</Collection>\n",
        "<DVD> #1 (line 6): PurchaseInfo/PurchasePrice '١٩.٩٥' is not a decimal number",
    ),
    "clz-xml: an index": (
        "movies.xml",
        "<movieinfo><movielist>\n<movie>\n<title>Heat</title>\n<index>1²</index>\n"
        "</movie></movielist></movieinfo>\n",
        "<movie> #1 (line 4): index '1²' is not a whole number",
    ),
    "clz-xml: an IMDb number": (
        "movies.xml",
        "<movieinfo><movielist>\n<movie>\n<title>Heat</title>\n<imdbnum>1³</imdbnum>\n"
        "</movie></movielist></movieinfo>\n",
        "<movie> #1 (line 4): imdbnum '1³' is not an IMDb number",
    ),
    "clz-page: an index": (
        "page.txt",
        REFERENCE.read_text().replace("Index 1279", "Index 12⁷9"),
        "line 119: '12⁷9' is not a whole number",
    ),
    "csv: a running time": (
        "films.csv",
        "Title,Year,Runtime\nHeat,1995,1²0\n",
        # A row that cannot be read fails alone: the others could still be imported.
        "1 entry could not be imported: line 2: column 'Runtime': '1²0' is not a running time",
    ),
    "csv: a disc count": (
        "films.csv",
        "Title,Discs\nHeat,²\n",
        "1 entry could not be imported: line 2: column 'Discs': '²' is not a whole number",
    ),
    "tellico: a date's year": (
        "movies.xml",
        TELLICO_HEAD + '<entry id="1">\n<title>Heat</title>\n'
        "<cdate><year>20²1</year><month>05</month><day>29</day></cdate>\n"
        "</entry>\n</collection>\n</tellico>\n",
        "<entry> #1 (line 4): <cdate><year> '20²1' is not a whole number",
    ),
    "gcstar: a number": (
        "films.gcs",
        '<?xml version="1.0" encoding="UTF-8"?>\n<collection type="GCfilms" items="1">\n'
        '<item id="1²" title="Heat"/>\n</collection>\n',
        "<item> #1 (line 3): id '1²' is not a whole number",
    ),
    "griffith: a year": (
        "griffith.xml",
        "<root>\n<movie>\n<number>1</number>\n<title>Heat</title>\n<year>19²</year>\n"
        "</movie>\n</root>\n",
        "<movie> #1 (line 2): <year> '19²' is not a whole number",
    ),
    "delicious1: a running time": (
        "library.xml",
        '<library><items>\n<movie title="Heat" minutes="1²0"/>\n</items></library>\n',
        "<movie> #1 (line 2): minutes '1²0' is not a whole number",
    ),
    "delicious1: a time past the year 9999": (
        "library.xml",
        '<library><items>\n<movie title="Heat" created="1e400"/>\n</items></library>\n',
        "<movie> #1 (line 2): created '1e400' is not a time in seconds",
    ),
    "delicious1: a rating": (
        "library.xml",
        '<library><items>\n<movie title="Heat" rating="inf"/>\n</items></library>\n',
        "<movie> #1 (line 2): rating 'inf' is not a decimal number",
    ),
    "delicious2: an infinite running time": (
        "library.plist",
        PLIST_HEAD + "<key>minutes</key><real>inf</real>\n</dict></array></plist>\n",
        "<dict> #1: minutes inf is not a whole number",
    ),
    "delicious2: a disc count": (
        "library.plist",
        PLIST_HEAD + "<key>numberOfMedia</key><string>²</string>\n</dict></array></plist>\n",
        "<dict> #1: numberOfMedia '²' is not a whole number",
    ),
    "datacrow: a play length": (
        "datacrow.xml",
        "<data-crow-objects>\n<movie>\n<title>Heat</title>\n<playlength>1²0</playlength>\n"
        "</movie>\n</data-crow-objects>\n",
        "<movie> #1 (line 2): <playlength> '1²0' is not a running time",
    ),
    "datacrow: a rating out of nothing": (
        "datacrow.xml",
        "<data-crow-objects>\n<movie>\n<title>Heat</title>\n<rating>8 / 0</rating>\n"
        "</movie>\n</data-crow-objects>\n",
        "<movie> #1 (line 2): <rating> '8 / 0' is not a rating",
    ),
    "datacrow: more seconds than a float holds": (
        "datacrow.xml",
        "<data-crow-objects>\n<movie>\n<title>Heat</title>\n"
        f"<playlength>{'9' * 400}</playlength>\n</movie>\n</data-crow-objects>\n",
        f"<movie> #1 (line 2): <playlength> '{'9' * 400}' is not a running time",
    ),
    "griffith: more digits than int() reads": (
        "griffith.xml",
        f"<root>\n<movie>\n<number>{'1' * 5000}</number>\n<title>Heat</title>\n</movie>\n</root>\n",
        f"<movie> #1 (line 2): <number> '{'1' * 5000}' is not a whole number",
    ),
    "cinecat-json: a price": (
        "films.json",
        '{"format": "cinecat", "version": 2, "entries": [\n'
        '{"works": [{"title": "Heat"}], "copy": {"purchase_price": "١٢.٥٠"}}\n]}\n',
        "entry #1: copy.purchase_price: '١٢.٥٠' is not a decimal number written as text",
    ),
}


# Each case's field, as the report names it, and the value kept as written.
KEPT = {
    "dvdprofiler: a year": ("ProductionYear", "19²"),
    "dvdprofiler: a running time": ("RunningTime", "17⁰"),
    "dvdprofiler: a price": ("PurchaseInfo/PurchasePrice", "١٩.٩٥"),
    "clz-xml: an index": ("index", "1²"),
    "clz-xml: an IMDb number": ("imdbnum", "1³"),
    "clz-page: an index": ("Index", "12⁷9"),
    "tellico: a date's year": ("<cdate><year>", "20²1"),
    "gcstar: a number": ("id", "1²"),
    "griffith: a year": ("<year>", "19²"),
    "delicious1: a running time": ("minutes", "1²0"),
    "delicious1: a time past the year 9999": ("created", "1e400"),
    "delicious1: a rating": ("rating", "inf"),
    "delicious2: an infinite running time": ("minutes", "inf"),
    "delicious2: a disc count": ("numberOfMedia", "²"),
    "datacrow: a play length": ("<playlength>", "1²0"),
    "datacrow: a rating out of nothing": ("<rating>", "8 / 0"),
    "datacrow: more seconds than a float holds": ("<playlength>", "9" * 400),
    "griffith: more digits than int() reads": ("<number>", "1" * 5000),
    "csv: a running time": ("Runtime", "1²0"),
    "csv: a disc count": ("Discs", "²"),
}
REFUSED = [name for name in CASES if name not in KEPT]


def catalog_state() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Copy, Edition, Work))


def kept_on_its_entry(field: str, text: str) -> Copy:
    copy = Copy.objects.get()
    assert [field, text] in copy.other_details
    assert field in [name for name, _ in copy.flags]
    return copy


@pytest.mark.parametrize("case", KEPT)
def test_the_command_line_imports_the_entry_and_names_the_value_it_kept(
    tmp_path, alice_collection, case
):
    name, content, _ = CASES[case]
    field, text = KEPT[case]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    out = StringIO()

    call_command("import", str(path), "--collection", "alice", stdout=out)

    copy = kept_on_its_entry(field, text)
    assert copy.edition.works.get().title in ("Heat", "The Death Of Stalin")
    assert f"{field}: {text[:40]!r}"[:40] in out.getvalue()
    assert "1 created" in out.getvalue()


@pytest.mark.parametrize("case", KEPT)
def test_a_web_import_imports_the_entry_and_reports_the_value_it_kept(
    settings, tmp_path, alice_collection, case
):
    name, content, _ = CASES[case]
    field, text = KEPT[case]
    settings.MEDIA_ROOT = tmp_path
    data = content.encode("utf-8")
    job = ImportJob.objects.create(
        collection=alice_collection,
        source_name=name,
        upload=SimpleUploadedFile(name, data),
        total_bytes=len(data),
    )

    run_stored_job(job.pk)

    job.refresh_from_db()
    assert (job.status, job.created) == ("done", 1)
    kept_on_its_entry(field, text)
    assert any(field in item.message for item in job.items.all())


@pytest.mark.parametrize("case", REFUSED)
def test_a_backup_with_such_a_value_is_refused_naming_it(tmp_path, alice_collection, case):
    name, content, message = CASES[case]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("import", str(path), "--collection", "alice")

    assert str(error.value) == f"{name}: {message}. Nothing was imported."
    assert catalog_state() == (0, 0, 0)
    failed = ImportJob.objects.get()
    assert (failed.status, failed.source_name) == ("failed", name)
    assert failed.error == shortened(message)  # a value quoted whole is cut in the middle
