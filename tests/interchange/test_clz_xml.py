"""CLZ Movie Collector's XML export, read from the real sample: every field by value."""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from cinecat.catalog.records import CreditRecord, EpisodeRecord, ViewingRecord
from cinecat.interchange.formats import clz_xml
from cinecat.interchange.formats.base import FormatError

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports"
SAMPLE = EXPORTS / "clz" / "collectorz_movies.xml"


def read_bytes(data: bytes) -> list:
    return list(clz_xml.read(io.BytesIO(data)))


@pytest.fixture(scope="module")
def records():
    with SAMPLE.open("rb") as stream:
        return list(clz_xml.read(stream))


@pytest.fixture(scope="module")
def by_title(records):
    return {record.works[0].title: record for record in records}


def details(record) -> dict[str, str]:
    return dict(record.copy.other_details)


def test_reads_every_movie_of_the_sample_in_order(records):
    assert len(records) == 14
    assert [record.where for record in records[:2]] == ["<movie> #1", "<movie> #2"]
    assert records[0].source_id == "3486"
    assert all(len(record.works) == 1 for record in records)


def test_recognises_a_clz_export_by_its_content():
    assert clz_xml.detect(SAMPLE.read_bytes()[:65536])
    assert not clz_xml.detect((EXPORTS / "dvdprofiler" / "royw_collection.xml").read_bytes())
    assert not clz_xml.detect(b"The Death Of Stalin\n\nIFC Films (Sep 08, 2017)\n")


def test_reads_the_title_and_the_sort_title(by_title):
    work = by_title["The Adventures Of Buckaroo Banzai Across The 8th Dimension"].works[0]
    assert work.sort_title == "Adventures of Buckaroo Banzai Across the 8th Dimension"
    assert work.original_title == ""


def test_reads_year_runtime_genres_countries_languages_and_colour(by_title):
    work = by_title["D.O.A."].works[0]
    assert (work.year, work.runtime_minutes) == (1950, 84)
    assert work.genres == ("Drama", "Film Noir", "Mystery")
    assert work.countries == ("USA",)
    assert work.languages == ("English",)
    assert work.colour == "Black And White"


def test_reads_the_plot_as_a_summary_with_its_character_references(by_title):
    (plot,) = by_title["A Funny Thing Happened On The Way To The Forum"].works[0].plots
    assert plot.kind == "summary"
    assert plot.text.startswith("Pseudolus (Zero Mostel) is a slave in the Ancient Roman")
    assert "Erronius (Buster Keaton) who\u2019s away" in plot.text


def test_reads_the_cast_with_characters_and_the_crew_with_jobs(by_title):
    credits = by_title["A Funny Thing Happened On The Way To The Forum"].works[0].credits
    assert credits[0] == CreditRecord(
        name="Michael Crawford", character="Hero", first_name="Michael", last_name="Crawford"
    )
    assert (credits[4].name, credits[4].character) == ("Zero Mostel", "Pseudolus")
    assert [(c.name, c.job, c.department) for c in credits if c.role == "crew"] == [
        ("Richard Lester", "Director", "Direction"),
        ("Melvin Frank", "Writer", "Writing"),
        ("Larry Gelbart", "Writer", "Writing"),
        ("Melvin Frank", "Producer", "Production"),
    ]


def test_names_crew_jobs_as_cinecat_does(by_title):
    crew = [c for c in by_title["The Last Man On Earth"].works[0].credits if c.role == "crew"]
    assert {c.job for c in crew} >= {"Director", "Composer", "Cinematographer"}


def test_drops_the_no_break_space_clz_leaves_after_a_character(by_title):
    credits = by_title["Avatar: The Last Airbender: Book 1: Water"].works[0].credits
    assert ("Zach Tyler", "Aang") in [(c.name, c.character) for c in credits]


def test_pads_the_imdb_number_to_seven_digits_and_reads_tmdb(by_title):
    assert by_title["A Funny Thing Happened On The Way To The Forum"].works[0].imdb_id == (
        "tt0060438"
    )
    one = by_title["The One"].works[0]
    assert (one.imdb_id, one.tmdb_id) == ("tt0267804", 10796)
    assert one.trailer_url == "http://www.youtube.com/watch?v=1f51c0mimTc"


def test_reads_the_barcode_as_found_on_the_two_movies_that_have_one(records):
    barcodes = [(r.works[0].title, r.edition.barcode) for r in records if r.edition.barcode]
    assert barcodes == [("The Last Man On Earth", "844503000798"), ("The One", "043396063921")]


def test_reads_the_edition_details(by_title):
    edition = by_title["The One"].edition
    assert edition.format == "DVD"
    assert edition.name == "Special Edition"
    assert edition.distributor == "Sony Pictures"
    assert (edition.rating_country, edition.rating) == ("US", "PG-13")
    assert edition.regions == ("1",)
    assert (edition.discs, edition.packaging) == (1, "Keep Case")
    assert edition.aspect_ratio == "1.33:1, 2.35:1"
    assert edition.screen_formats == (
        "Fullscreen (1.33:1, 4:3)",
        "Widescreen (2.35:1, Anamorphic)",
    )
    assert edition.audio == ("Dolby Digital Surround [French]", "Dolby Digital 5.1 [English]")
    assert edition.subtitles == ("Chinese", "English", "French", "Korean", "Thai")


def test_the_studio_made_the_film_and_is_no_distributor(by_title):
    eagles = by_title["Where Eagles Dare"]
    assert (eagles.edition.distributor, eagles.works[0].studios) == ("", ("Warner Bros.",))


def test_reads_the_purchase_price_with_its_currency(by_title):
    copy = by_title["Beyond Finishing A to Z: Spraying & Applying Waterbourne Top Coats"].copy
    assert (copy.purchase_price, copy.purchase_currency) == (Decimal("44.55"), "USD")
    assert copy.purchased_on == dt.date(2012, 3, 23)
    assert copy.condition == "Good"
    assert copy.notes == "Copyright 2011 - Charles Neil Woodworking"


def test_reads_the_index_location_and_the_us_style_modification_time(by_title):
    copy = by_title["A Funny Thing Happened On The Way To The Forum"].copy
    assert copy.index == 107
    assert copy.status == "owned"
    assert copy.location == ("Home",)
    # Local time where cinecat reads dates: UTC here.
    assert copy.modified_at == dt.datetime(2020, 7, 17, 15, 41, 41, tzinfo=dt.UTC)
    assert copy.purchase_price is None


def test_reads_my_rating_from_the_repeated_element_and_seen_it_as_one_viewing(by_title):
    assert by_title["Shaun Of The Dead"].copy.my_rating == 3
    assert by_title["Shaun Of The Dead"].copy.viewings == 0
    assert by_title["The One"].copy.my_rating is None
    assert by_title["The One"].copy.viewings == 1


def test_keeps_a_tv_box_set_as_one_series_with_each_discs_episodes(by_title):
    avatar = by_title["Avatar: The Last Airbender: Book 1: Water"]
    assert len(avatar.works) == 1
    assert avatar.edition.discs == 6
    assert avatar.edition.name == "The Complete Series"
    work = avatar.works[0]
    assert (work.series, work.imdb_rating, work.imdb_votes) == (
        "Avatar: The Last Airbender",
        Decimal("9.2"),
        21809,
    )
    # <dvdreleasedate> holds the year alone: kept as its 1st of January, and said so.
    assert avatar.edition.release_date == dt.date(2015, 1, 1)
    assert avatar.copy.flags == (
        ("Release date", "CLZ gives the year 2015 only; kept as the 1st of January of it."),
    )
    discs = avatar.edition.disc_list
    assert [disc.label for disc in discs][:2] == ["Disc 01", "Disc 02"]
    assert work.kind == "series"
    assert len(work.episodes) == 27
    # CLZ numbers the box's episodes in one run, with no season and no runtime (0 is none).
    assert work.episodes[:2] == (
        EpisodeRecord("The Last Airbender", number=1),
        EpisodeRecord("The Boy in the Iceberg", number=2),
    )
    assert work.episodes[6] == EpisodeRecord("The King of Omashu", number=7)
    assert work.episodes[-1] == EpisodeRecord(
        "Audio Commentaries by Creators, Cast & Crew", number=27
    )
    assert [len(disc.episodes) for disc in discs] == [6, 5, 5, 6, 5, 0]
    assert discs[1].episodes == (7, 8, 9, 10, 11)
    assert discs[-2].episodes[-1] == 27
    assert [disc.description for disc in discs] == [""] * 6
    assert (discs[-1].label, discs[-1].episodes) == ("Exclusive Bonus Disc", ())
    # Every episode is seen: a viewing of each, with no date; the box's own "seen it" once.
    assert [v.episode for v in avatar.copy.viewing_log] == list(range(1, 28))
    assert {v.watched_on for v in avatar.copy.viewing_log} == {None}
    assert avatar.copy.viewings == 1
    assert details(avatar) == {"links": "TheTvDb.com: http://thetvdb.com/?tab=series&id=74852"}


def test_keeps_the_second_box_sets_15_episodes_unseen_on_its_two_discs(by_title):
    (title,) = [t for t in by_title if t.startswith("Beyond Finishing A to Z")]
    record = by_title[title]
    work = record.works[0]
    assert (work.kind, len(work.episodes)) == ("series", 15)
    assert work.episodes[0] == EpisodeRecord("Introduction", number=1)
    assert work.episodes[-1] == EpisodeRecord("Rubbing Out a Finish", number=15)
    assert [disc.episodes for disc in record.edition.disc_list] == [
        (1, 2, 3, 4, 5),
        tuple(range(6, 16)),
    ]
    assert record.copy.viewing_log == ()


def test_a_film_of_the_sample_stays_a_film(by_title):
    assert by_title["The One"].works[0].kind == "film"
    assert by_title["The One"].works[0].episodes == ()


def test_the_features_and_extra_features_are_the_editions_once(by_title):
    avatar = by_title["Avatar: The Last Airbender: Book 1: Water"].edition
    assert avatar.features == (
        "Interactive Menus",
        "Actor's Commentary",
        "Director's Commentary",
        "Other's Commentary",
        '"Making of..." Documentary',
        "Additional Documentaries",
    )
    assert avatar.other_features.split("\n")[:2] == [
        "(For All Discs)",
        "Behind the Scense Featurette",
    ]
    finishing = by_title["Beyond Finishing A to Z: Spraying & Applying Waterbourne Top Coats"]
    assert finishing.edition.features == ("Interactive Menus", "Scene Selection")
    assert finishing.works[0].series == "In the Workshop with Charles Neil"
    disc_1, disc_2 = finishing.edition.disc_list
    episodes = finishing.works[0].episodes
    assert [episodes[place - 1].title for place in disc_1.episodes][0] == "Introduction"
    assert [episodes[place - 1].title for place in disc_2.episodes][:2] == [
        "Safety First",
        "Spray Techniques",
    ]


@pytest.mark.parametrize("number", range(14))
def test_keeps_every_value_of_the_sample_so_none_is_unmapped(records, number):
    assert records[number].unmapped == ()


def test_keeps_only_what_has_no_field_and_clz_s_own_ids_apart(by_title):
    sanjuro = by_title["Sanjuro [Criterion Collection]"]
    assert sanjuro.copy.other_details == (
        ("links", "Amazon US: http://www.amazon.com/gp/product/0780022491?tag=collectorzapp-20"),
    )
    assert sanjuro.copy.source_extras == (
        (
            "links",
            "Sanjuro at Movie Collector Connect: "
            "http://www.collectorz.com/connect/movies/sanjuro-1962/",
        ),
        ("thumbfilepath", "Thumbnails\\497420d7696be266798c4ab2689e3f95.jpg"),
        ("bpmovieid", "50590"),
        ("bpmediaid", "50590"),
    )
    edition = sanjuro.edition
    assert edition.features[-1] == "Booklet"  # one of CLZ's extras
    assert edition.other_features.startswith("Audio commentary by film historian")
    assert edition.disc_list[0].dual_layered is False  # "Single Side, Single Layer"


def test_reads_ratings_studios_layers_and_keeps_clz_s_pages_and_pictures_apart(by_title):
    one = by_title["The One"]
    assert (one.works[0].imdb_rating, one.works[0].imdb_votes) == (Decimal("5.9"), 26185)
    assert one.works[0].studios == ("Columbia TriStar",)
    assert one.edition.distributor == "Sony Pictures"
    assert one.edition.disc_list[0].dual_layered  # "Single Side, Dual Layer"
    assert one.copy.other_details == ()
    extras = dict(one.copy.source_extras)
    assert (
        extras["links"]
        == "The One at Core for Movies: http://core.collectorz.com/movies/the-one-2001"
    )
    assert (extras["poster"], extras["backdropurl"]) == (
        "Images\\TheOne200115061_p.jpg",
        "Images\\TheOne200115061_d.jpg",
    )
    last_man = by_title["The Last Man On Earth"]
    assert (last_man.works[0].imdb_rating, last_man.works[0].studios) == (
        Decimal("6.9"),
        ("Alpha Video",),
    )
    assert "themoviedb" not in repr(last_man.copy)
    assert by_title["The Wall - Pink Floyd"].edition.features[-2:] == ("Booklet", "Poster")


def test_a_movie_whose_values_all_have_fields_keeps_no_other_details(by_title):
    forum = by_title["A Funny Thing Happened On The Way To The Forum"]
    assert details(forum) == {}
    assert forum.edition.release_date == dt.date(2000, 1, 1)
    assert forum.edition.features == ("Interactive Menus", "Scene Selection", "Theatrical Trailers")
    assert dict(forum.copy.source_extras)["bpmovieid"] == "22468"


def test_reads_tags_storage_device_slot_and_a_euro_price():
    data = """<?xml version="1.0" encoding="UTF-8"?>
<movieinfo><movielist><movie>
  <id>9</id><index>5</index><title>Le Samoura\u00ef</title>
  <collectionstatus listid="1">On Wish List</collectionstatus>
  <owner><displayname>Alice</displayname></owner>
  <store><displayname>Amoeba</displayname></store>
  <purchaseprice>\u20ac12,50</purchaseprice>
  <location><displayname>Living room/Shelf 2</displayname></location>
  <tags><tag><displayname>Noir</displayname></tag><tag><displayname>Delon</displayname></tag></tags>
  <format><displayname>Blu-ray</displayname></format>
  <discs><disc><title>Disc 01</title>
    <storagedevice><displayname>Binder A</displayname></storagedevice><storageslot>12</storageslot>
  </disc></discs>
</movie></movielist></movieinfo>""".encode()
    (record,) = read_bytes(data)
    copy = record.copy
    assert record.works[0].title == "Le Samoura\u00ef"
    assert (copy.status, copy.owner, copy.purchase_store) == ("wish", "Alice", "Amoeba")
    assert (copy.purchase_price, copy.purchase_currency) == (Decimal("12.50"), "EUR")
    assert copy.location == ("Living room", "Shelf 2")
    assert (copy.storage_device, copy.storage_slot) == ("Binder A", "12")
    assert copy.tags == ("Noir", "Delon")
    assert record.edition.format == "Blu-ray"
    assert (record.copy.other_details, record.unmapped) == ((), ())


def test_keeps_an_unknown_format_status_and_quantity_extra_trailers_and_other_discs_places():
    data = b"""<movieinfo><movielist><movie>
  <title>Heat</title><format><displayname>Betamax</displayname></format>
  <collectionstatus>Lent Out</collectionstatus><quantity>2</quantity>
  <purchasedate><date>1999</date></purchasedate>
  <links>
    <link><description>Trailer</description><url>http://a.example/1</url>
      <urltype>Trailer</urltype></link>
    <link><description>Teaser</description><url>http://a.example/2</url>
      <urltype>Trailer</urltype></link>
  </links>
  <discs>
    <disc><title>Disc 01</title><storagedevice><displayname>Binder A</displayname></storagedevice>
      <storageslot>12</storageslot></disc>
    <disc><title>Disc 02</title><storagedevice><displayname>Binder B</displayname></storagedevice>
      <storageslot>12</storageslot><episodes><episode><title>Bonus</title>
      <runtimeminutes>22</runtimeminutes><sequencenumber>1</sequencenumber>
      <seenit boolvalue="0">No</seenit></episode></episodes></disc>
  </discs>
</movie></movielist></movieinfo>"""
    (record,) = read_bytes(data)
    assert (record.edition.format, record.copy.status) == ("Other", "owned")
    assert record.works[0].trailer_url == "http://a.example/1"
    assert (record.copy.storage_device, record.copy.storage_slot) == ("Binder A", "12")
    assert record.copy.purchased_on is None
    assert record.copy.other_details == (
        ("format", "Betamax"),
        ("collectionstatus", "Lent Out"),
        ("quantity", "2"),
        ("purchasedate", "1999"),
        ("links", "Teaser: http://a.example/2"),
    )
    assert record.copy.disc_places == (("2", "Binder B", "12"),)
    assert record.works[0].episodes == (EpisodeRecord("Bonus", number=1, runtime_minutes=22),)
    assert record.edition.disc_list[1].episodes == (1,)
    assert record.unmapped == ()


def test_a_truncated_export_fails_naming_the_line(tmp_path):
    truncated = tmp_path / "truncated.xml"
    truncated.write_bytes(SAMPLE.read_bytes()[:3000])
    with truncated.open("rb") as stream, pytest.raises(FormatError) as error:
        list(clz_xml.read(stream))
    assert error.value.line is not None and error.value.line > 1
    assert str(error.value).startswith(f"line {error.value.line}: ")


def test_an_export_cut_inside_a_movie_fails_after_the_complete_ones():
    data = SAMPLE.read_bytes()
    cut = data[: data.index(b"<movie>", data.index(b"<movie>") + 1) + 500]
    records = []
    with pytest.raises(FormatError) as error:
        records.extend(clz_xml.read(io.BytesIO(cut)))
    assert len(records) == 1
    assert error.value.line > 451


def test_refuses_a_doctype_that_declares_entities():
    data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><movieinfo>&a;</movieinfo>'
    with pytest.raises(FormatError, match="entities"):
        read_bytes(data)


def test_a_value_that_is_not_a_number_fails_naming_the_movie_and_line():
    data = b"<movieinfo><movielist>\n<movie>\n<index>12a</index></movie></movielist></movieinfo>"
    with pytest.raises(FormatError) as error:
        read_bytes(data)
    assert (error.value.line, error.value.where) == (3, "<movie> #1")
    assert "'12a' is not a whole number" in str(error.value)


def test_refuses_a_file_whose_document_element_is_not_movieinfo():
    with pytest.raises(FormatError, match="<movieinfo>"):
        read_bytes(b"<Collection><DVD/></Collection>")


def test_an_undeclared_entity_fails_naming_it_and_its_line():
    with pytest.raises(FormatError) as error:
        read_bytes(b"<movieinfo><movielist>\n<movie>\n<title>&eacute;</title></movie>")
    assert error.value.line == 3
    assert "Entity 'eacute' not defined" in str(error.value)


def test_an_episodes_air_date_viewing_date_and_guest_cast_are_kept():
    data = b"""<movieinfo><movielist><movie>
  <title>Smallville: Season 10</title>
  <discs><disc><title>Disc 01</title><episodes>
    <episode><title>Lazarus</title><runtimeminutes>42</runtimeminutes>
      <firstairdate><date>9/24/2010</date></firstairdate><sequencenumber>1</sequencenumber>
      <seenit boolvalue="1">Yes</seenit><viewingdate><date>3/1/2025</date></viewingdate>
      <cast>Michael Rosenbaum</cast><crew/></episode>
    <episode><title>Shield</title><sequencenumber>2</sequencenumber>
      <seenit boolvalue="0">No</seenit></episode>
  </episodes></disc></discs>
</movie></movielist></movieinfo>"""
    (record,) = read_bytes(data)
    assert record.works[0].episodes == (
        EpisodeRecord("Lazarus", number=1, runtime_minutes=42, air_date=dt.date(2010, 9, 24)),
        EpisodeRecord("Shield", number=2),
    )
    assert record.copy.viewing_log == (ViewingRecord(dt.date(2025, 3, 1), episode=1),)
    (disc,) = record.edition.disc_list
    assert disc.episodes == (1, 2)
    assert disc.description == "1. Lazarus: cast: Michael Rosenbaum"


def test_an_episode_air_date_that_is_no_date_fails_naming_it():
    data = b"""<movieinfo><movielist><movie><title>Smallville</title>
  <discs><disc><episodes><episode><title>Lazarus</title>
  <firstairdate><date>Friday</date></firstairdate></episode></episodes></disc></discs>
</movie></movielist></movieinfo>"""
    with pytest.raises(FormatError, match="firstairdate"):
        read_bytes(data)
