"""A season box: a series with its episodes, the discs that carry them, an episode seen."""

import io
import json
from dataclasses import replace

import pytest

from cinecat.catalog import history
from cinecat.catalog.models import Copy, Disc, Episode, Work
from cinecat.catalog.reading import records_of
from cinecat.catalog.records import (
    DiscRecord,
    Record,
    ViewingRecord,
    WorkRecord,
)
from cinecat.interchange.formats import cinecat_json
from cinecat.interchange.writer import ImportFailed, apply_records
from tests.seasons import smallville_season


def stored(collection) -> Record:
    return next(records_of(Copy.objects.filter(collection=collection)))


def test_a_season_box_is_read_back_as_it_was_written(alice_collection):
    record = smallville_season()
    apply_records([record], alice_collection)

    work = Work.objects.get()
    assert work.is_series
    assert list(work.episodes.values_list("number", "title"))[:2] == [(1, "Lazarus"), (2, "Shield")]
    assert list(Disc.objects.values_list("label", "episodes")) == [
        ("Disc 1", [1, 2, 3]),
        ("Disc 2", [4, 5, 6]),
        ("Finale and extras", [7]),
    ]
    back = stored(alice_collection)
    assert back.works == record.works
    assert back.edition.disc_list == record.edition.disc_list
    assert back.copy.viewing_log == record.copy.viewing_log


def test_a_film_stays_a_film_with_no_episodes(alice_collection):
    apply_records([Record(works=(WorkRecord("Heat", year=1995),))], alice_collection)
    work = stored(alice_collection).works[0]
    assert (work.kind, work.episodes) == ("film", ())


def test_the_backup_format_carries_every_episode_and_each_discs_episodes(alice_collection):
    apply_records([smallville_season()], alice_collection)
    stream = io.BytesIO()
    cinecat_json.write([stored(alice_collection)], stream)

    entry = json.loads(stream.getvalue())["entries"][0]
    assert entry["works"][0]["kind"] == "series"
    assert entry["works"][0]["episodes"][0] == {
        "title": "Lazarus",
        "season": 10,
        "number": 1,
        "air_date": "2010-09-24",
        "runtime_minutes": 42,
        "plot": "Clark faces lazarus.",
        "group": "10.01 Lazarus",
    }
    assert [disc["episodes"] for disc in entry["edition"]["disc_list"]] == [
        [1, 2, 3],
        [4, 5, 6],
        [7],
    ]
    assert entry["copy"]["viewing_log"][0]["episode"] == 2
    read = list(cinecat_json.read(io.BytesIO(stream.getvalue())))
    assert replace(read[0], where="") == replace(stored(alice_collection), where="")


def test_an_import_rewrites_the_episodes_only_where_they_changed(alice_collection):
    apply_records([smallville_season()], alice_collection)
    rows = list(Episode.objects.values_list("pk", flat=True))
    apply_records([smallville_season()], alice_collection)
    assert list(Episode.objects.values_list("pk", flat=True)) == rows

    record = smallville_season()
    work = record.works[0]
    renamed = replace(work.episodes[1], title="Shield (part 1)")
    episodes = (work.episodes[0], renamed, *work.episodes[2:])
    apply_records([replace(record, works=(replace(work, episodes=episodes),))], alice_collection)
    assert Episode.objects.get(number=2).title == "Shield (part 1)"
    assert Episode.objects.count() == 7


def test_the_history_names_the_episode_that_changed(alice_collection):
    record = smallville_season()
    work = record.works[0]
    renamed = replace(work, episodes=(replace(work.episodes[0], title="Lazarus Rising"),))
    before, after = history.snapshot(record), history.snapshot(replace(record, works=(renamed,)))
    said = history.in_words(history.differences(before, after))
    assert "added episode 10.1 Lazarus Rising" in said
    assert "removed episode 10.2 Shield" in said


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda r: replace(
                r, edition=replace(r.edition, disc_list=(DiscRecord(episodes=(1, 8)),))
            ),
            "disc 1 names episode 8, but the entry lists 7",
        ),
        (
            lambda r: replace(r, copy=replace(r.copy, viewing_log=(ViewingRecord(episode=0),))),
            "a viewing names episode 0, but the entry lists 7",
        ),
    ],
)
def test_an_episode_the_entry_does_not_list_fails_the_entry(alice_collection, change, message):
    with pytest.raises(ImportFailed, match=message):
        apply_records([change(smallville_season())], alice_collection)
    assert not Work.objects.exists()
