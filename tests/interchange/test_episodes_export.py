"""The episodes export: one CSV row per episode of each season box, with its disc and seen."""

import csv
import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cinecat.catalog.records import Record, WorkRecord
from cinecat.interchange.writer import apply_records
from tests.seasons import smallville_season


@pytest.fixture
def shelves(alice_collection):
    heat = Record(works=(WorkRecord("Heat", year=1995),))
    apply_records([smallville_season(), heat], alice_collection)
    return alice_collection


def test_each_episode_is_a_row_with_its_disc_and_how_often_it_was_seen(shelves, tmp_path):
    out, err = StringIO(), StringIO()
    call_command("export", "--episodes", "--collection", "alice", stdout=out, stderr=err)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 7  # Heat, a film, has none
    assert rows[1] == {
        "index": "1",
        "title": "Smallville: Season 10",
        "disc": "1",
        "disc_label": "Disc 1",
        "place": "2",
        "season": "10",
        "number": "2",
        "episode": "Shield",
        "air_date": "2010-10-01",
        "runtime_minutes": "42",
        "seen": "1",
    }
    assert [(row["disc"], row["episode"], row["seen"]) for row in rows[-2:]] == [
        ("2", "Harvest", "0"),
        ("3", "Ambush", "0"),
    ]
    assert "7 episodes of Alice's shelves written to -" in err.getvalue()
    path = tmp_path / "episodes.csv"
    call_command("export", "--episodes", "-o", str(path), stdout=StringIO(), stderr=StringIO())
    assert path.read_bytes().decode() == out.getvalue()


def test_the_episodes_export_takes_no_columns(shelves):
    with pytest.raises(CommandError, match="--episodes writes its own CSV"):
        call_command("export", "--episodes", "--columns", "index", stdout=StringIO())
