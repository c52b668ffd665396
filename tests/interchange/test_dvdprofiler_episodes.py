"""DVD Profiler's episode dividers: a season disc's episodes, and the credits under each."""

import io
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from cinecat.catalog.records import EpisodeRecord
from cinecat.interchange.formats import clz_xml, dvdprofiler
from cinecat.interchange.formats.dvdprofiler_episodes import caption_of, episode

SAMPLE = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "exports" / "dvdprofiler"
) / "sixdegrees_test3.xml"


def read(data: bytes) -> list:
    return list(dvdprofiler.read(io.BytesIO(data)))


def written(records) -> bytes:
    stream = io.BytesIO()
    dvdprofiler.write(records, stream)
    return stream.getvalue()


def profile(inner: str) -> bytes:
    return f"<Collection><DVD><ID>M1</ID><Title>T</Title>{inner}</DVD></Collection>".encode()


@pytest.fixture(scope="module")
def sample():
    return read(SAMPLE.read_bytes())


def test_a_season_disc_lists_the_episodes_of_its_dividers_in_order(sample):
    star_wars, smallville = sample[0].works[0], sample[1].works[0]
    assert (star_wars.kind, star_wars.episodes) == ("film", ())
    assert smallville.kind == "series"
    assert [(e.season, e.number, e.title) for e in smallville.episodes] == [
        (10, 1, "Lazarus"),
        (10, 2, "Shield"),
        (10, 3, "Supergirl"),
        (10, 4, "Homecoming"),
        (10, 5, "Isis"),
        (10, 6, "Harvest"),
    ]
    # The crew repeats the cast's dividers: each episode is listed once.
    assert [len(record.works[0].episodes) for record in sample[1:]] == [6, 4, 4, 4]


def test_the_cast_and_crew_after_an_episode_divider_are_that_episodes(sample):
    credits = sample[1].works[0].credits
    lazarus = [c for c in credits if c.group == "10.01 Lazarus"]
    assert [c.name for c in lazarus if c.role == "cast"][:2] == ["Tom Welling", "Erica Durance"]
    assert len([c for c in lazarus if c.role == "cast"]) == 11
    assert [c.name for c in lazarus if c.role == "crew"][0] == "Kevin Fair"


@pytest.mark.parametrize(
    ("caption", "found"),
    [
        ("10.01 Lazarus", EpisodeRecord("Lazarus", season=10, number=1)),
        ("7 Ambush", EpisodeRecord("Ambush", number=7)),
        ("3. Pilot", EpisodeRecord("Pilot", number=3)),
        ("Lex's wedding", EpisodeRecord("Lex's wedding")),
        ("2001: A Space Odyssey", EpisodeRecord("2001: A Space Odyssey")),
    ],
)
def test_a_caption_gives_a_season_and_number_only_as_written(caption, found):
    assert episode(caption) == replace(found, group=caption)


def test_a_profile_of_one_disc_carries_its_episodes_and_of_several_says_none():
    dividers = (
        '<Actors><Divider Caption="1 Pilot" Type="Episode"/><Actor FirstName="A" LastName="B"/>'
        '<Divider Caption="2 Metamorphosis" Type="Episode"/><Actor FirstName="C" LastName="D"/>'
        "</Actors>"
    )
    disc = "<Disc><DescriptionSideA>Episodes</DescriptionSideA></Disc>"
    (one,) = read(profile(f"{dividers}<Discs>{disc}</Discs>"))
    assert [disc.episodes for disc in one.edition.disc_list] == [(1, 2)]
    two_discs = f"<Discs>{disc}{disc}</Discs>"
    (two,) = read(profile(dividers + two_discs))
    assert [disc.episodes for disc in two.edition.disc_list] == [(), ()]
    assert len(two.works[0].episodes) == 2


def test_dividers_of_no_type_group_the_films_of_a_double_feature_not_episodes():
    data = profile(
        '<Actors><Divider Caption="Topper"/><Actor FirstName="Cary" LastName="Grant"/>'
        '<Divider Caption="Topper Returns"/><Actor FirstName="Roland" LastName="Young"/></Actors>'
    )
    (record,) = read(data)
    assert (record.works[0].kind, record.works[0].episodes) == ("film", ())
    assert [c.group for c in record.works[0].credits] == ["Topper", "Topper Returns"]
    # Written back as groups, they read back as the same film.
    dvd = etree.fromstring(written([record]))[0]
    assert [d.get("Type") for d in dvd.iterfind("Actors/Divider")] == ["Group", "Group"]
    assert read(written([record])) == [record]


def test_a_season_disc_written_and_read_again_has_the_same_episodes(sample):
    again = read(written(sample))
    assert [r.works[0].episodes for r in again] == [r.works[0].episodes for r in sample]
    dvd = etree.fromstring(written(sample[1:2]))[0]
    assert {d.get("Type") for d in dvd.iterfind("Actors/Divider")} == {"Episode"}


def test_episodes_no_credit_is_under_are_written_as_dividers_of_their_own():
    clz = SAMPLE.parents[1] / "clz" / "collectorz_movies.xml"
    with clz.open("rb") as stream:
        avatar = next(r for r in clz_xml.read(stream) if r.works[0].title.startswith("Avatar"))
    dvd = etree.fromstring(written([avatar]))[0]
    dividers = list(dvd.iterfind("Actors/Divider"))
    assert [d.get("Caption") for d in dividers[:2]] == [
        "1 The Last Airbender",
        "2 The Boy in the Iceberg",
    ]
    assert {d.get("Type") for d in dividers[:27]} == {"Episode"}
    assert dividers[27].get("Type") == "EndDiv"  # the cast after them is under none
    (again,) = read(written([avatar]))
    # The same episodes, now each with the divider its credits would be under.
    assert [replace(e, group="") for e in again.works[0].episodes] == list(avatar.works[0].episodes)
    assert again.works[0].episodes[0].group == "1 The Last Airbender"
    assert again.works[0].credits == avatar.works[0].credits
    # DVD Profiler's Watched is of the whole: the box's one, not each episode's.
    assert [e.findtext("EventType") for e in dvd.iterfind("Events/Event")] == ["Watched"]
    assert (again.copy.viewings, again.copy.viewing_log) == (1, ())


@pytest.mark.parametrize(
    "found",
    [
        EpisodeRecord("Lazarus", season=10, number=1),
        EpisodeRecord("Ambush", number=7),
        EpisodeRecord("Lex's wedding"),
    ],
)
def test_a_caption_written_reads_back_as_its_episode(found):
    caption = caption_of(found)
    assert episode(caption) == replace(found, group=caption)
    assert caption_of(episode("10.1 Lazarus")) == "10.1 Lazarus"  # its credits' group, as given
