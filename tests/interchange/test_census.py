"""The census of each shared sample: where its values landed, true to the records read."""

import dataclasses
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from cinecat.interchange import registry
from cinecat.interchange.formats import census
from cinecat.interchange.formats.census import DERIVED, DROPPED, EXTRAS, OTHER

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports"
SAMPLES = {
    "dvdprofiler": [
        "dvdprofiler/royw_collection.xml",
        "dvdprofiler/sixdegrees_test2.xml",
        "dvdprofiler/sixdegrees_test3.xml",
        "dvdprofiler/sixdegrees_test4.xml",
        "dvdprofiler/sixdegrees_test5.xml",
    ],
    "tellico": ["tellico/movies-many.tc"],
    "gcstar": ["gcstar/test-video.gcs"],
    "griffith": ["griffith/griffith.xml"],
    "delicious1": ["delicious/delicious1_movies.xml"],
    "delicious2": ["delicious/delicious2_movies_plist.xml"],
    "datacrow": ["datacrow/datacrow_movies.xml", "datacrow/datacrow_movies5.xml"],
    "clz-xml": ["clz/collectorz_movies.xml"],
    "clz-page": ["../../seeds/the-death-of-stalin.clz-page.txt"],
}
# Meaningful values for which cinecat has no field yet, with the field proposed for them: kept
# as other details, and set aside from the share until the field is there. Amazon's values of
# a Delicious Library item: what it is worth now, Amazon's customer rating, its box's size.
AWAITING = {
    "delicious1": {"currentValue": "copy.current_value", "netrating": "work.store_rating"},
    "delicious2": {
        "currentValue": "copy.current_value",
        "netRating": "work.store_rating",
        "boxHeightInInches": "edition.box_size",
        "boxLengthInInches": "edition.box_size",
        "boxWidthInInches": "edition.box_size",
        "boxWeightInPounds": "edition.box_weight",
    },
}
CASES = [(key, name) for key, names in SAMPLES.items() for name in names]
# Each value of these lands once, in a field holding one value for each.
ONE_FOR_ONE = {
    "dvdprofiler": [
        "credit.credited_as",
        "credit.voice",
        "credit.uncredited",
        "credit.first_name",
        "credit.last_name",
        "credit.birth_year",
        "credit.department",
        "edition.features",
        "work.genres",
        "work.studios",
        "edition.screen_formats",
    ],
    "clz-xml": [
        "credit.first_name",
        "credit.last_name",
        "credit.department",
        "work.studios",
        "work.genres",
        "edition.subtitles",
        "disc.label",
    ],
}


def counted(key: str, name: str) -> tuple[census.Census, list]:
    fmt = registry.get(key)
    with (EXPORTS / name).open("rb") as stream:
        found = census.count(fmt.read, stream, name)
    with (EXPORTS / name).open("rb") as stream:
        records = list(fmt.read(stream))
    return found, records


@pytest.fixture(scope="module", params=CASES, ids=[name for _, name in CASES])
def sample(request):
    key, name = request.param
    found, records = counted(key, name)
    return key, found, records


def test_a_sample_lands_at_least_95_percent_of_its_meaningful_values_in_their_own_fields(sample):
    key, found, records = sample
    totals = found.totals()
    awaiting = sum(
        count
        for row in found.rows()
        if row.path in AWAITING.get(key, {})
        for where, count in row.landed
        if where == OTHER
    )
    assert totals.meaningful > 0
    assert totals.in_fields / (totals.meaningful - awaiting) >= 0.95, "\n".join(found.lines())
    assert found.entries == len(records)


def test_only_the_values_awaiting_a_field_keep_the_share_of_a_sample_below_95_percent(sample):
    key, found, _ = sample
    if found.totals().share < 0.95:
        assert key in AWAITING


def test_nothing_meaningful_in_a_sample_is_dropped(sample):
    _, found, _ = sample
    dropped = [row for row in found.rows() if dict(row.landed).get(DROPPED)]
    assert dropped == []


def test_a_reader_never_notes_more_values_than_the_sample_holds(sample):
    _, found, _ = sample
    assert found.overcounted() == []


def values_in(records: list, where: str) -> int:
    """How many values the records hold in the field ``where`` ("credit.credited_as")."""
    part, _, name = where.partition(".")
    holders = {
        "record": lambda r: [r],
        "work": lambda r: list(r.works),
        "credit": lambda r: [c for w in r.works for c in w.credits],
        "plot": lambda r: [p for w in r.works for p in w.plots],
        "episode": lambda r: [e for w in r.works for e in w.episodes],
        "edition": lambda r: [r.edition],
        "disc": lambda r: list(r.edition.disc_list),
        "copy": lambda r: [r.copy],
        "loan": lambda r: list(r.copy.loans),
        "viewing": lambda r: list(r.copy.viewing_log),
    }[part]
    total = 0
    for record in records:
        for holder in holders(record):
            value = getattr(holder, name)
            total += len(value) if isinstance(value, tuple) else bool(value)
    return total


def test_every_field_the_census_names_holds_values_in_the_records(sample):
    key, found, records = sample
    noted = {}
    for row in found.rows():
        for where, count in row.landed:
            for part in where.split(" + "):
                noted[part] = noted.get(part, 0) + count
    for where in noted:
        if where in (OTHER, EXTRAS, DERIVED, DROPPED):
            continue
        assert values_in(records, where) > 0, where
    for where in ONE_FOR_ONE.get(key, ()):
        assert noted.get(where, 0) == values_in(records, where), where


def test_other_details_and_source_extras_are_noted_where_the_records_have_them(sample):
    _, found, records = sample
    totals = found.totals()
    assert (totals.other > 0) == any(r.copy.other_details for r in records)
    assert (totals.extras > 0) == any(r.copy.source_extras for r in records)


def test_a_census_adds_up_each_destination_and_says_the_share():
    found = census.Census("sample.xml")
    found.see("Title", 2)
    found.note("Title", "work.title", 2)
    found.see("Locks/Entire")
    found.note("Locks/Entire", EXTRAS)
    found.see("Review/@Video", 2)
    found.note("Review/@Video", OTHER)
    totals = found.totals()
    assert dataclasses.astuple(totals) == (2, 1, 1, 1, 0)
    assert totals.share == 0.5
    assert found.rows()[2].landed == ((OTHER, 1), (DROPPED, 1))
    assert found.lines()[-1].startswith(
        "  meaningful values in a field of their own: 2 of 4 (50.0%)"
    )


def test_import_report_prints_each_files_census(alice_collection):
    out = StringIO()
    path = EXPORTS / "dvdprofiler" / "royw_collection.xml"
    call_command("import", str(path), "--collection", "alice", "--report", stdout=out)
    text = out.getvalue()
    assert "royw_collection.xml (DVD Profiler collection (XML export)): 32 entries" in text
    assert "Actors/Actor/@CreditedAs" in text
    line = next(line for line in text.splitlines() if "Features/FeatureCommentary" in line)
    assert line.split()[1:] == ["9", "edition.features"]
    assert "meaningful values in a field of their own: 7,695 of 7,695 (100.0%)" in text
    assert "32 created" in text


def test_import_without_report_prints_no_census(alice_collection):
    out = StringIO()
    path = EXPORTS / "dvdprofiler" / "sixdegrees_test2.xml"
    call_command("import", str(path), "--collection", "alice", stdout=out)
    assert "meaningful values" not in out.getvalue()
