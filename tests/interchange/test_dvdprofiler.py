"""DVD Profiler's collection.xml (3.x and 4.x), read from the real samples: every field by value."""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from cinecat.catalog.records import CreditRecord, DiscRecord, LoanRecord, ViewingRecord
from cinecat.interchange.formats import dvdprofiler
from cinecat.interchange.formats.base import FormatError
from cinecat.interchange.formats.xml_safety import iter_entries

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports"
SAMPLES = EXPORTS / "dvdprofiler"
ROYW = SAMPLES / "royw_collection.xml"


def read_path(path: Path) -> list:
    with path.open("rb") as stream:
        return list(dvdprofiler.read(stream))


@pytest.fixture(scope="module")
def royw():
    return read_path(ROYW)


@pytest.fixture(scope="module")
def by_id(royw):
    return {record.source_id.rpartition("/")[2]: record for record in royw}


def details(record) -> dict[str, str]:
    return dict(record.copy.other_details)


def lines(record, name: str) -> list[str]:
    return details(record)[name].split("\n")


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("royw_collection.xml", 32),
        ("sixdegrees_test2.xml", 2),
        ("sixdegrees_test3.xml", 5),
        ("sixdegrees_test4.xml", 3),
        ("sixdegrees_test5.xml", 2),
    ],
)
def test_reads_every_profile_of_each_sample(name, count):
    records = read_path(SAMPLES / name)
    assert len(records) == count
    assert [record.where for record in records] == [f"<DVD> #{n}" for n in range(1, count + 1)]


@pytest.mark.parametrize("name", sorted(path.name for path in SAMPLES.glob("*.xml")))
def test_recognises_each_dvd_profiler_sample_by_its_content(name):
    assert dvdprofiler.detect((SAMPLES / name).read_bytes()[:65536])


def test_does_not_take_a_clz_export_for_dvd_profiler():
    assert not dvdprofiler.detect((EXPORTS / "clz" / "collectorz_movies.xml").read_bytes())


def test_reads_title_sort_title_and_original_title(by_id):
    work = by_id["025192017025"].works[0]
    assert work.title == "Rooster Cogburn (...and the Lady)"
    assert work.sort_title == "Rooster Cogburn (...and the Lady)"
    assert work.original_title == "Rooster Cogburn"
    assert by_id["024543029137"].works[0].sort_title == "Man From Snowy River"


def test_reads_year_runtime_genres_country_and_overview(by_id):
    work = by_id["024543029137"].works[0]
    assert (work.title, work.year, work.runtime_minutes) == ("The Man from Snowy River", 1982, 102)
    assert work.genres == ("Western", "Family", "Adventure")
    assert work.countries == ("Australia",)
    (plot,) = work.plots
    assert plot.kind == "summary" and plot.text


def test_reads_cast_and_crew_from_their_attributes(by_id):
    credits = by_id["018111275491"].works[0].credits
    assert credits[0] == CreditRecord(
        name="Frank T. Thompson",
        character="HIMSELF",
        first_name="Frank",
        middle_name="T.",
        last_name="Thompson",
    )
    crew = [(c.name, c.job) for c in credits if c.role == "crew"]
    assert crew[0] == ("Lynn Stevenson", "Director")
    assert ("Murilo Silva", "Director of Photography") in crew
    assert len(crew) == 8


def test_reads_windows_1252_names_titles_and_characters():
    feuerzangenbowle = read_path(SAMPLES / "sixdegrees_test5.xml")[0].works[0]
    ruehmann = feuerzangenbowle.credits[0]
    assert (ruehmann.name, ruehmann.last_name) == ("Heinz R\u00fchmann", "R\u00fchmann")
    assert ruehmann.character == "Dr. Johannes Pfeiffer / Hans Pfeiffer"
    star_wars = read_path(SAMPLES / "sixdegrees_test3.xml")[0].works[0]
    characters = {credit.name: credit.character for credit in star_wars.credits}
    assert characters["Natalie Portman"] == "Queen Padm\u00e9 Amidala"
    assert star_wars.original_title == "Star Wars I: The Phantom Menace"
    police = read_path(SAMPLES / "sixdegrees_test4.xml")[2].works[0]
    assert police.title == "Police Academy: D\u00fcmmer als die Polizei erlaubt"


def test_takes_the_barcode_from_a_upc_id_and_keeps_the_whole_id_as_source_id(by_id, royw):
    assert by_id["018111275491"].edition.barcode == "018111275491"
    pearl_harbor_payback = royw[2]
    assert pearl_harbor_payback.source_id == "018713811837.4"
    assert pearl_harbor_payback.edition.barcode == "018713811837"
    star_wars = read_path(SAMPLES / "sixdegrees_test3.xml")[0]
    assert (star_wars.source_id, star_wars.edition.barcode) == ("4010232031129.5", "4010232031129")


def test_disc_and_manual_ids_are_not_barcodes():
    smallville = read_path(SAMPLES / "sixdegrees_test3.xml")
    assert [(r.source_id, r.edition.barcode) for r in smallville[1:]] == [
        ("I0043051FAD9B07F3.4", ""),
        ("I737CB7493CD9DD72.4", ""),
        ("I82DD32BCE889E780.3", ""),
        ("M318.3", ""),
    ]


def test_keeps_box_set_children_as_records_that_name_their_parent(by_id, royw):
    parent = by_id["025192829925"]
    assert (parent.source_id, parent.part_of) == ("025192829925", "")
    assert parent.works[0].title == "The Mummy Collector's Set"
    assert dict(parent.copy.source_extras)["BoxSet/Contents"] == (
        "025192063626, I4D72C1479DE6625E, IED05D92EF53851FF"
    )
    children = [r for r in royw if r.part_of == "025192829925"]
    assert [(r.works[0].title, r.copy.index, r.edition.barcode) for r in children] == [
        ("The Mummy", 1165, "025192063626"),
        ("The Scorpion King", 1167, ""),
        ("The Mummy Returns", 1166, ""),
    ]
    assert children[1].source_id == "I4D72C1479DE6625E"


def test_reads_the_edition_details(by_id):
    edition = by_id["025192063626"].edition
    assert edition.format == "DVD"
    assert edition.name == "Collector's Edition: Widescreen"
    assert edition.distributor == "Universal Home Video"
    assert edition.release_date == dt.date(1999, 9, 21)
    assert (edition.rating_country, edition.rating) == ("US", "PG-13")
    assert (edition.regions, edition.discs, edition.packaging) == (("1",), 1, "Keep Case")
    assert edition.aspect_ratio == "2.35:1"
    assert edition.audio[:2] == ("Dolby Digital 5.1 [English]", "Dolby Digital Surround [French]")
    assert edition.subtitles == ("English",)


def test_takes_the_rating_country_from_the_ids_locality_suffix_in_a_3x_file(royw):
    assert royw[2].source_id == "018713811837.4"
    assert (royw[2].edition.rating_country, royw[2].edition.rating) == ("GB", "NR")


def test_reads_the_copy_index_purchase_date_and_last_edit(by_id):
    copy = by_id["018111275491"].copy
    assert (copy.index, copy.status) == (629, "owned")
    assert copy.purchased_on == dt.date(2004, 8, 7)
    assert copy.modified_at == dt.datetime(2008, 5, 14, 23, 52, 45, tzinfo=dt.UTC)
    assert copy.purchase_price is None  # DVD Profiler writes 0 when no price was entered


def test_reads_the_1899_timestamp_as_no_date():
    nybyggarna = read_path(SAMPLES / "sixdegrees_test2.xml")[1]
    assert nybyggarna.works[0].title == "Nybyggarna"
    assert nybyggarna.copy.modified_at is None


def test_a_divider_groups_the_credits_after_it_under_its_caption(by_id):
    topper = by_id["707729138280"]
    young = [(c.character, c.group) for c in topper.works[0].credits if c.name == "Roland Young"]
    assert young == [("Mr. Topper", "Topper"), ("Cosmo Topper", "Topper Returns")]
    assert "Divider" not in details(topper)


def test_each_episode_of_a_season_disc_groups_its_cast_and_crew():
    smallville = read_path(SAMPLES / "sixdegrees_test3.xml")[1].works[0]
    groups = list(dict.fromkeys(credit.group for credit in smallville.credits))
    assert groups == [
        "10.01 Lazarus",
        "10.02 Shield",
        "10.03 Supergirl",
        "10.04 Homecoming",
        "10.05 Isis",
        "10.06 Harvest",
    ]
    lazarus_crew = [c.name for c in smallville.credits if c.role == "crew" and c.group == groups[0]]
    assert lazarus_crew[0] == "Kevin Fair"


def test_a_group_divider_of_a_series_keeps_its_type_and_an_end_divider_closes_the_group():
    data = profile(
        '<Actors><Divider Caption="1 Pilot" Type="Episode"/>'
        '<Actor FirstName="Tom" LastName="Welling" Role="Clark Kent"/>'
        '<Divider Caption="Disc 1: The Film" Type="Group"/>'
        '<Actor FirstName="Cary" LastName="Grant" Role="George Kerby"/>'
        '<Divider Caption="" Type="EndDiv"/>'
        '<Actor FirstName="Roland" LastName="Young" Role="Cosmo Topper"/></Actors>'
    )
    (record,) = dvdprofiler.read(io.BytesIO(data))
    assert [(c.name, c.group) for c in record.works[0].credits] == [
        ("Tom Welling", "1 Pilot"),
        ("Cary Grant", "Disc 1: The Film"),
        ("Roland Young", ""),
    ]
    assert record.copy.other_details == ()
    assert record.copy.source_extras == (("Actors/Divider/@Type", "Disc 1: The Film: Group"),)


@pytest.mark.parametrize("name", sorted(path.name for path in SAMPLES.glob("*.xml")))
def test_keeps_every_value_of_each_sample_so_none_is_unmapped(name):
    records = read_path(SAMPLES / name)
    assert [record.unmapped for record in records] == [()] * len(records)


def test_a_full_profile_leaves_nothing_in_the_other_details_and_keeps_its_noise_apart(by_id):
    mummy = by_id["025192063626"]
    assert mummy.copy.other_details == ()
    assert mummy.copy.source_extras == (
        ("ProfileTimestamp", "2008-12-07T15:35:56.000Z"),
        ("RatingSystem", "Film"),
        ("RatingAge", "13"),
    )
    edition = mummy.edition
    assert edition.rating_details == "Pervasive Adventure Violence and Some Partial Nudity"
    assert (edition.video_standard, edition.screen_formats) == (
        "NTSC",
        ("Widescreen 16:9", "Letterbox"),
    )
    assert (edition.list_price, edition.list_price_currency) == (Decimal("24.98"), "USD")
    assert edition.easter_eggs.startswith("From the Main Menu select the 'Language' option.")
    assert mummy.works[0].studios == ("Universal Pictures", "Alphaville Films")
    uncredited = [c.name for c in mummy.works[0].credits if c.uncredited]
    assert uncredited == ["George Lane Cooper"]
    (disc,) = edition.disc_list
    assert (disc.description, disc.label, disc.dual_layered) == ("Main Feature", "MUMMY169", True)


def test_reads_the_true_feature_flags_and_the_other_features(by_id):
    assert by_id["018111275491"].edition.features == ("Scene access", "Trailer", "Making-of")
    anastasia = by_id["024543035336"].edition
    assert anastasia.features == (
        "Scene access",
        "Trailer",
        "Making-of",
        "Production notes",
        "Game",
        "Music videos",
        "Closed captioned",
    )
    assert anastasia.other_features == "Interactive Puzzle, Sing-A-Longs"


def test_reads_both_sides_of_a_disc_and_each_disc_of_a_set(by_id):
    (snowy_river,) = by_id["024543029137"].edition.disc_list
    assert snowy_river.description == "Main Feature: Widescreen"
    assert snowy_river.description_b == "Main Feature: Pan & Scan"
    assert (snowy_river.label_b, snowy_river.dual_sided) == ("MANFROMSNOWYRIVER_4X3", True)
    flyboys = by_id["027616065346"].edition
    assert [(d.description, d.label) for d in flyboys.disc_list] == [
        ("Main Feature", "FLYBOYS_WS"),
        ("Bonus Materials", "FLYBOYS_D2"),
    ]
    assert (flyboys.discs, flyboys.slip_cover) == (2, True)


def test_keeps_no_price_or_time_where_dvd_profiler_wrote_its_zero(by_id):
    record = by_id["837101098915"]
    assert record.copy.other_details == ()
    assert record.edition.list_price is None and record.copy.modified_at is not None
    assert record.copy.source_extras == (("RatingSystem", "Film"), ("Locks", "SRP"))


def test_what_a_credit_says_of_its_person_is_on_the_credit_and_the_person():
    star_wars = read_path(SAMPLES / "sixdegrees_test3.xml")[0]
    cast = {credit.name: credit for credit in star_wars.works[0].credits}
    assert [cast[name].birth_year for name in ("Liam Neeson", "Ewan McGregor")] == [1952, 1971]
    assert cast["Liz Wilson"].credited_as == "Friday 'Liz' Wilson"
    assert (cast["Frank Oz"].voice, cast["Frank Oz"].character) == (True, "Yoda")
    assert cast["Samuel L. Jackson"].middle_name == "L."
    assert cast["Karol Cristina da Silva"].last_name == "da Silva"
    smallville = read_path(SAMPLES / "sixdegrees_test3.xml")[1].works[0]
    voices = [(c.name, c.character) for c in smallville.credits if c.voice]
    assert voices == [("Terence Stamp", "Jor-El"), ("Michael Daingerfield", "Gordon Godfrey")]
    glover = next(c for c in smallville.credits if c.name == "John Glover")
    assert (glover.character, glover.uncredited) == ("Lionel Luthor (archive footage)", True)
    credited = [(c.name, c.credited_as) for c in smallville.credits if c.credited_as]
    assert ("Kevin Fair", "Kevin G. Fair") in credited
    assert all(
        record.copy.other_details == () for record in read_path(SAMPLES / "sixdegrees_test5.xml")
    )


def test_an_uncredited_actor_without_a_role_is_a_credit_with_no_character(by_id):
    credits = by_id["024543029137"].works[0].credits
    lowe = next(c for c in credits if c.name == "Robert Lowe")
    assert (lowe.character, lowe.uncredited) == ("", True)
    miller = next(c for c in credits if c.name == "George Miller")
    assert (miller.job, miller.department, miller.birth_year) == ("Director", "Direction", 1945)


def test_the_studios_are_the_works_and_the_media_company_the_distributor(by_id):
    rooster = by_id["025192017025"]
    assert rooster.edition.distributor == "Universal Home Video"
    assert rooster.works[0].studios == ("Universal Pictures",)


def test_reads_purchase_price_location_tags_review_and_events_of_a_full_profile():
    data = """<?xml version="1.0" encoding="windows-1252"?>
<Collection>
  <DVD>
    <ID>3344428015479.4</ID><ID_LocalityID>4</ID_LocalityID><ID_Type>UPCEAN</ID_Type>
    <MediaTypes><DVD>true</DVD><HDDVD>false</HDDVD><BluRay>true</BluRay></MediaTypes>
    <CollectionNumber>42</CollectionNumber>
    <CollectionType IsPartOfOwnedCollection="true">Owned</CollectionType>
    <Title>Le Fabuleux Destin d'Am\u00e9lie Poulain</Title><Rating>15</Rating>
    <Format><FormatAspectRatio>1.85</FormatAspectRatio>
      <Color><ColorColor>true</ColorColor><ColorBW>false</ColorBW></Color></Format>
    <Discs><Disc><Location>Living room</Location><Slot>7</Slot></Disc></Discs>
    <PurchaseInfo>
      <PurchasePrice DenominationType="GBP" FormattedValue="\u00a312.99">12.99</PurchasePrice>
      <PurchasePlace>HMV</PurchasePlace><PurchaseDate>2010-03-01</PurchaseDate>
      <ReceivedAsGift>false</ReceivedAsGift>
    </PurchaseInfo>
    <Review Film="8" Video="0" Audio="0" Extras="0"/>
    <Events>
      <Event><EventType>Watched</EventType><Timestamp>2011-01-01T20:00:00</Timestamp></Event>
    </Events>
    <LoanInfo><Loaned>false</Loaned></LoanInfo>
    <Notes>Signed by the director</Notes>
    <Tags><Tag Name="Noir" FullName="Genre/Noir"/></Tags>
    <LastEdited>2012-05-01T10:00:00Z</LastEdited>
  </DVD>
</Collection>""".encode("windows-1252")
    (record,) = dvdprofiler.read(io.BytesIO(data))
    copy = record.copy
    assert record.works[0].title == "Le Fabuleux Destin d'Am\u00e9lie Poulain"
    assert record.works[0].colour == "Color"
    assert (record.edition.format, record.edition.barcode) == ("Blu-ray", "3344428015479")
    assert (record.edition.rating_country, record.edition.rating) == ("GB", "15")
    assert (copy.purchase_price, copy.purchase_currency) == (Decimal("12.99"), "GBP")
    assert (copy.purchase_store, copy.purchased_on) == ("HMV", dt.date(2010, 3, 1))
    assert (copy.location, copy.storage_slot) == (("Living room",), "7")
    assert (copy.my_rating, copy.viewings) == (8, 1)
    assert copy.viewing_log == (ViewingRecord(watched_on=dt.date(2011, 1, 1)),)
    assert copy.tags == ("Genre/Noir",)
    assert copy.notes == "Signed by the director"
    assert copy.modified_at == dt.datetime(2012, 5, 1, 10, 0, tzinfo=dt.UTC)
    assert copy.loans == ()
    assert copy.other_details == (("MediaTypes", "Blu-ray, DVD"),)
    assert record.unmapped == ()


def test_keeps_a_gift_a_review_a_second_disc_and_unknown_collection_values():
    data = profile(
        "<MediaTypes><DVD>true</DVD><CustomMediaType>Betamax</CustomMediaType></MediaTypes>"
        "<CollectionType>Borrowed</CollectionType><CountAs>2</CountAs>"
        "<SRP DenominationType='USD' FormattedValue='$0.00'>0</SRP>"
        "<Discs><Disc><Location>Shelf</Location><Slot>3</Slot></Disc>"
        "<Disc><Location>Box</Location><Slot>3</Slot><DescriptionSideA>Extras</DescriptionSideA>"
        "</Disc></Discs>"
        "<PurchaseInfo><PurchasePrice>0</PurchasePrice><ReceivedAsGift>true</ReceivedAsGift>"
        "<GiftFrom FirstName='Bob' LastName='Stone' EmailAddress='b@example.com'/></PurchaseInfo>"
        "<Review Film='8' Video='7' Audio='0' Extras='5'/>"
    )
    (record,) = dvdprofiler.read(io.BytesIO(data))
    assert (record.copy.location, record.copy.storage_slot) == (("Shelf",), "3")
    assert record.copy.disc_places == (("2", "Box", "3"),)
    assert record.edition.disc_list == (DiscRecord(), DiscRecord(description="Extras"))
    assert (record.copy.my_rating, record.copy.status) == (8, "owned")
    assert record.copy.other_details == (
        ("MediaTypes", "DVD, Betamax"),
        ("CollectionType", "Borrowed"),
        ("CountAs", "2"),
        ("ReceivedAsGift", "Yes"),
        ("GiftFrom", "Bob Stone, Email Address: b@example.com"),
        ("Review", "Video: 7, Extras: 5"),
    )
    assert record.unmapped == ()


def test_frees_each_profile_before_reading_the_next():
    with ROYW.open("rb") as stream:
        for _number, dvd in iter_entries(
            stream, root="Collection", container="Collection", entry="DVD"
        ):
            assert dvd.getprevious() is None


def test_a_truncated_export_fails_naming_the_line(tmp_path):
    truncated = tmp_path / "truncated.xml"
    truncated.write_bytes(ROYW.read_bytes()[:3000])
    with pytest.raises(FormatError) as error:
        read_path(truncated)
    assert error.value.line is not None and error.value.line > 1
    assert str(error.value).startswith(f"line {error.value.line}: ")


def test_refuses_a_doctype_that_declares_entities():
    data = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<Collection>&a;</Collection>'
    with pytest.raises(FormatError, match="entities"):
        list(dvdprofiler.read(io.BytesIO(data)))


def test_a_collection_number_that_is_not_a_number_fails_naming_the_profile_and_line():
    data = b"<Collection>\n<DVD>\n<ID>1</ID>\n<CollectionNumber>x1</CollectionNumber></DVD>"
    data += b"</Collection>"
    with pytest.raises(FormatError) as error:
        list(dvdprofiler.read(io.BytesIO(data)))
    assert (error.value.line, error.value.where) == (4, "<DVD> #1")


def profile(inner: str) -> bytes:
    return f"<Collection><DVD><ID>M1</ID><Title>T</Title>{inner}</DVD></Collection>".encode()


def user(first: str, last: str = "", email: str = "") -> str:
    return f'<User FirstName="{first}" LastName="{last}" EmailAddress="{email}" PhoneNumber=""/>'


def event(kind: str, timestamp: str, who: str, note: str = "") -> str:
    return (
        f"<Event><EventType>{kind}</EventType><Timestamp>{timestamp}</Timestamp>"
        f"<Note>{note}</Note>{who}</Event>"
    )


def test_the_sample_lends_nothing_and_its_loan_fields_count_as_mapped(royw):
    assert [record.copy.loans for record in royw] == [()] * 32
    kept = {name.partition("/")[0] for record in royw for name, _ in record.copy.other_details}
    assert not {"LoanInfo", "Events", "Event"} & kept


def test_a_current_loan_is_an_open_loan_to_the_user_until_the_due_date():
    data = profile(
        "<LoanInfo><Loaned>True</Loaned><Due>2025-01-20</Due>"
        f"{user('David', 'Meier', 'd@example.com')}</LoanInfo>"
    )
    (record,) = dvdprofiler.read(io.BytesIO(data))
    assert record.copy.loans == (
        LoanRecord("David Meier", due_on=dt.date(2025, 1, 20), borrower_email="d@example.com"),
    )
    assert record.copy.other_details == ()
    assert record.unmapped == ()


def test_borrowed_and_returned_events_are_past_loans_and_the_current_one_keeps_its_day():
    alice, bob = user("Alice"), user("Bob", "Stone")
    events = [
        event("Borrowed", "2024-12-01T18:00:00.000Z", alice, "for the holidays"),
        event("Watched", "2024-12-02T20:00:00.000Z", user("")),
        event("Returned", "2025-01-05T10:00:00.000Z", alice),
        event("Borrowed", "2025-01-18T19:09:49.213Z", bob),
    ]
    data = profile(
        f"<Events>{''.join(events)}</Events>"
        f"<LoanInfo><Loaned>true</Loaned><Due>2025-02-01</Due>{bob}</LoanInfo>"
    )
    (record,) = dvdprofiler.read(io.BytesIO(data))
    assert record.copy.viewings == 1
    assert record.copy.loans == (
        LoanRecord(
            "Alice",
            lent_on=dt.date(2024, 12, 1),
            returned_on=dt.date(2025, 1, 5),
            notes="for the holidays",
        ),
        LoanRecord("Bob Stone", lent_on=dt.date(2025, 1, 18), due_on=dt.date(2025, 2, 1)),
    )
    assert record.unmapped == ()


def test_a_loan_never_returned_but_not_current_is_closed_on_its_day_with_a_note():
    data = profile(
        f"<Events>{event('Borrowed', '2020-05-01T12:00:00Z', user('Carol'))}</Events>"
        "<LoanInfo><Loaned>False</Loaned></LoanInfo>"
    )
    (record,) = dvdprofiler.read(io.BytesIO(data))
    day = dt.date(2020, 5, 1)
    assert record.copy.loans == (
        LoanRecord("Carol", lent_on=day, returned_on=day, notes=dvdprofiler.UNRECORDED_RETURN),
    )


def test_a_return_without_a_loan_is_kept_with_its_day_borrower_and_note():
    data = profile(
        f"<Events>{event('Returned', '2020-05-01T12:00:00Z', user('Dan'), 'late')}</Events>"
    )
    (record,) = dvdprofiler.read(io.BytesIO(data))
    assert record.copy.loans == ()
    assert record.copy.other_details == (("Events/Returned", "2020-05-01: Dan (late)"),)
    assert record.unmapped == ()


def test_a_current_loan_without_a_user_goes_to_an_unknown_borrower():
    (record,) = dvdprofiler.read(io.BytesIO(profile("<LoanInfo><Loaned>true</Loaned></LoanInfo>")))
    assert record.copy.loans == (LoanRecord(dvdprofiler.UNKNOWN_BORROWER),)


def test_a_custom_crew_role_is_the_job():
    smallville = read_path(SAMPLES / "sixdegrees_test3.xml")[1].works[0]
    crew = [(c.name, c.job) for c in smallville.credits if c.role == "crew"]
    assert ("Jerry Siegel", "Character Created By: Superman") in crew
    assert "Custom" not in {job for _, job in crew}


def test_reads_the_4x_colour_format_and_the_wish_list():
    data = profile(
        "<CollectionType>Wish List</CollectionType><Format><ColorFormat><ClrColor>false</ClrColor>"
        "<ClrBlackAndWhite>true</ClrBlackAndWhite></ColorFormat></Format>"
    )
    (record,) = dvdprofiler.read(io.BytesIO(data))
    assert (record.works[0].colour, record.copy.status) == ("Black and White", "wish")
