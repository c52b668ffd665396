"""cinecat reference import-imdb: IMDb's files loaded as streams, restartable, bad lines told."""

import gzip
import os
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cinecat.metadata import imdb_load, imdb_store
from cinecat.metadata.imdb_files import IdSet, characters, title_key
from cinecat.metadata.models import (
    ImdbAka,
    ImdbCrew,
    ImdbLoad,
    ImdbName,
    ImdbPrincipal,
    ImdbRating,
    ImdbSeason,
    ImdbTitle,
)

from .imdb_samples import MALFORMED, write_dataset

pytestmark = pytest.mark.django_db
MODELS = (ImdbTitle, ImdbAka, ImdbRating, ImdbSeason, ImdbCrew, ImdbPrincipal, ImdbName)


def load(directory, *options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("reference", "import-imdb", str(directory), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def contents() -> dict[str, list[tuple]]:
    """Every reference table's rows, in order: two loads of the same files give the same."""
    return {model.__name__: sorted(model.objects.values_list(*_columns(model))) for model in MODELS}


def _columns(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def test_titles_of_the_kinds_a_shelf_holds_are_kept(imdb_dataset):
    load(imdb_dataset)
    kept = dict(ImdbTitle.objects.values_list("id", "kind"))
    assert kept == {
        93164: "movie",
        113277: "movie",
        137523: "movie",
        211915: "movie",
        363163: "movie",
        4686844: "movie",
        7366338: "tvMiniSeries",
    }  # not the episode (tvEpisode) nor the game (videoGame), nor the malformed lines


def test_a_title_row_keeps_the_files_values(imdb_dataset):
    load(imdb_dataset)
    amelie = ImdbTitle.objects.get(id=211915)
    assert (amelie.title, amelie.original_title, amelie.key) == (
        "Amélie", "Le fabuleux destin d'Amélie Poulain", "amelie",
    )  # fmt: skip
    assert (amelie.start_year, amelie.end_year, amelie.runtime_minutes) == (2001, None, 122)
    assert (amelie.genres, amelie.is_adult) == ("Comedy,Romance", False)
    assert ImdbTitle.objects.get(id=137523).original_title == ""  # the same as the title


def test_other_titles_are_kept_once_each_for_kept_titles(imdb_dataset):
    load(imdb_dataset)
    fight_club = list(ImdbAka.objects.filter(title_id=137523).values_list("name", "region"))
    assert fight_club == [("Fight Club", "US"), ("Бойцовский клуб", "RU")]  # "original" repeat
    assert not ImdbAka.objects.filter(title_id=386651).exists()  # the video game's
    assert ImdbAka.objects.get(title_id=4686844, ordering=1).key == "la mort de staline"


def test_ratings_crew_and_principals_of_kept_titles_only(imdb_dataset):
    load(imdb_dataset)
    assert ImdbRating.objects.get(title_id=137523).votes == 2312004
    assert not ImdbRating.objects.filter(title_id=8143062).exists()  # an episode's
    crew = ImdbCrew.objects.get(title_id=137523)
    assert (crew.directors, crew.writers) == ("399", "657333,880243")
    assert not ImdbCrew.objects.filter(title_id=8143062).exists()
    pitt = ImdbPrincipal.objects.get(title_id=137523, ordering=1)
    assert (pitt.person_id, pitt.category, pitt.characters) == (93, "actor", "Tyler Durden")
    assert ImdbPrincipal.objects.get(title_id=137523, ordering=5).job == "novel"
    assert not ImdbPrincipal.objects.filter(title_id=8143062).exists()


def test_people_are_kept_when_a_kept_title_credits_them(imdb_dataset):
    load(imdb_dataset)
    assert ImdbName.objects.get(id=93).name == "Brad Pitt"
    assert ImdbName.objects.get(id=275125).death_year == 2006  # a writer of title.crew only
    assert not ImdbName.objects.filter(id=9999999).exists()  # credited nowhere
    assert not ImdbName.objects.filter(id=704398).exists()  # directed an episode only


def test_episodes_are_counted_per_season_of_a_kept_series(imdb_dataset):
    load(imdb_dataset)
    seasons = set(ImdbSeason.objects.values_list("series_id", "season", "episodes"))
    assert seasons == {(7366338, 1, 5), (7366338, 0, 1)}  # one episode with no season


def test_malformed_lines_are_reported_with_their_numbers_and_skipped(imdb_dataset):
    out, err = load(imdb_dataset)
    for name, problems in MALFORMED.items():
        for line, reason in problems:
            assert f"{name}.tsv.gz line {line}: {reason}; skipped" in err
    assert "title.basics: 12 lines read, 7 rows kept, 3 malformed lines skipped" in out
    assert ImdbLoad.objects.get(file="title.basics").malformed == 3
    assert "The IMDb reference store is ready." in out


def test_a_second_run_skips_every_file_already_complete(imdb_dataset):
    load(imdb_dataset)
    before = contents()
    out, _ = load(imdb_dataset)
    assert out.count("complete already") == 7
    assert contents() == before


def test_a_run_stopped_half_way_goes_on_from_the_last_batch(imdb_dataset, monkeypatch):
    load(imdb_dataset)
    whole = contents()
    for model in MODELS:
        model.objects.all().delete()
    ImdbLoad.objects.all().delete()
    monkeypatch.setattr(imdb_load, "BATCH_LINES", 4)
    insert = imdb_store.insert
    calls = []

    def stopped(spec, rows):
        calls.append(spec.name)
        if spec.name == "title.principals" and calls.count(spec.name) == 3:
            raise KeyboardInterrupt
        insert(spec, rows)

    monkeypatch.setattr(imdb_store, "insert", stopped)
    with pytest.raises(CommandError, match="interrupted; what was loaded is kept"):
        load(imdb_dataset)
    state = ImdbLoad.objects.get(file="title.principals")
    assert (state.complete, state.lines_done) == (False, 8)
    monkeypatch.setattr(imdb_store, "insert", insert)
    out, _ = load(imdb_dataset)
    assert "title.basics: complete already" in out
    assert "(resumed after line 8)" in out
    assert contents() == whole


def test_a_new_download_is_loaded_again(imdb_dataset):
    load(imdb_dataset)
    ratings = imdb_dataset / "title.ratings.tsv.gz"
    with gzip.open(ratings, "wb") as handle:
        handle.write(b"tconst\taverageRating\tnumVotes\ntt0137523\t8.9\t2400000\n")
    os.utime(ratings, (1, 1))
    out, _ = load(imdb_dataset)
    assert "title.ratings: 1 line read, 1 row kept" in out
    assert "loaded again: the file changed" in out
    assert list(ImdbRating.objects.values_list("title_id", "average")) == [(137523, 8.9)]


def test_reload_loads_every_file_again(imdb_dataset):
    load(imdb_dataset)
    before = contents()
    out, _ = load(imdb_dataset, "--reload")
    assert out.count("loaded again (--reload)") == 7
    assert contents() == before


def test_a_file_cut_short_is_named_and_what_was_read_is_kept(imdb_dataset, monkeypatch):
    monkeypatch.setattr(imdb_load, "BATCH_LINES", 4)
    akas = imdb_dataset / "title.akas.tsv.gz"
    akas.write_bytes(akas.read_bytes()[:-30])
    with pytest.raises(CommandError, match=r"title.akas.tsv.gz is damaged or cut short"):
        load(imdb_dataset)
    assert ImdbLoad.objects.get(file="title.basics").complete
    assert not ImdbLoad.objects.get(file="title.akas").complete
    assert ImdbAka.objects.exists()  # the batches before the damage


def test_a_file_that_is_not_imdbs_is_refused(tmp_path):
    directory = write_dataset(tmp_path / "imdb", only=("title.basics",))
    with gzip.open(directory / "title.basics.tsv.gz", "wb") as handle:
        handle.write(b"id,title,year\n1,Heat,1995\n")
    with pytest.raises(CommandError, match="title.basics.tsv.gz is not IMDb's title.basics"):
        load(directory)


def test_title_basics_is_needed_first(tmp_path):
    directory = write_dataset(tmp_path / "imdb", only=("title.akas",))
    with pytest.raises(CommandError, match="no title.basics.tsv.gz"):
        load(directory)


def test_files_not_downloaded_are_said_to_be_missing(tmp_path):
    directory = write_dataset(tmp_path / "imdb", only=("title.basics", "title.ratings"))
    out, _ = load(directory)
    assert "title.akas: not in the folder" in out
    assert ImdbRating.objects.count() == 5


def test_a_folder_that_does_not_exist_is_named(tmp_path):
    with pytest.raises(CommandError, match="nowhere is not a folder of IMDb's dataset files"):
        load(tmp_path / "nowhere")


def test_status_tells_each_files_state(imdb_dataset):
    load(imdb_dataset)
    ImdbLoad.objects.filter(file="name.basics").update(complete=False, lines_done=20, rows=18)
    ImdbLoad.objects.filter(file="title.akas").delete()
    out = StringIO()
    call_command("reference", "status", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("title.basics: complete: 7 rows, ")
    assert lines[1] == "title.akas: not loaded"
    assert lines[6] == "name.basics: half loaded: 20 lines read, 18 rows"


def test_a_title_key_folds_case_accents_and_punctuation():
    assert title_key("Léon: The Professional") == "leon the professional"
    assert title_key("ÉCLAIR  -- Straße") == "eclair strasse"
    assert title_key("Смерть Сталина") == "смерть сталина"


def test_characters_are_read_from_the_files_json_lists():
    assert characters('["Tyler Durden","Narrator"]') == "Tyler Durden / Narrator"
    assert characters('["Robert \\"Bob\\" Paulson"]') == 'Robert "Bob" Paulson'
    assert characters("\\N") == ""


def test_an_id_set_holds_ids_as_bits():
    ids = IdSet([7, 137523, 36_000_000])
    assert 137523 in ids and 7 in ids and 36_000_000 in ids
    assert 137524 not in ids and 8 not in ids and 99_000_000 not in ids
    assert len(ids.bits) < 36_000_000 // 8 + 70_000
