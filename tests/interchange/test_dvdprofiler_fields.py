"""Every value of a DVD Profiler profile in a field of its own: the credit's attributes, the
edition's facts, the discs, the history, box sets, the locality's rating; DVD Profiler's noise
kept apart as source extras."""

import datetime as dt
import io
from decimal import Decimal

import pytest

from cinecat.catalog.models import Copy, Person
from cinecat.catalog.records import DiscRecord, LoanRecord, ViewingRecord
from cinecat.interchange.formats import dvdprofiler
from cinecat.interchange.services import import_files
from cinecat.lending.models import Borrower, Loan


def read_one(inner: str, profile_id: str = "M1"):
    data = (
        '<?xml version="1.0" encoding="windows-1252"?>\n<Collection><DVD>'
        f"<ID>{profile_id}</ID><Title>T</Title>{inner}</DVD></Collection>"
    ).encode("windows-1252")
    (record,) = dvdprofiler.read(io.BytesIO(data))
    return record


def import_one(tmp_path, collection, inner: str, profile_id: str = "M1"):
    path = tmp_path / "collection.xml"
    path.write_text(
        f"<Collection><DVD><ID>{profile_id}</ID><Title>T</Title>{inner}</DVD></Collection>",
        encoding="utf-8",
    )
    import_files([path], collection)
    return Copy.objects.get(collection=collection)


def test_a_disc_id_profile_takes_its_upc_as_the_barcode():
    record = read_one(
        "<ID_Type>DiscID</ID_Type><UPC>5051889023456</UPC>", profile_id="I0123456789ABCDEF.4"
    )
    assert (record.source_id, record.edition.barcode) == ("I0123456789ABCDEF.4", "5051889023456")


def test_a_manual_id_profile_whose_upc_is_no_valid_barcode_is_imported_with_it_kept_as_given(
    tmp_path, alice_collection
):
    copy = import_one(
        tmp_path,
        alice_collection,
        "<ID_Type>ManualID</ID_Type><UPC>123-456</UPC>",
        profile_id="M318.3",
    )
    assert (copy.edition.barcode, copy.edition.barcode_as_given) == ("", "123-456")
    assert copy.flags and copy.flags[0][0] == "Barcode"
    assert copy.source_id == "M318.3"


def test_a_german_profile_is_rated_by_the_fsk_of_its_locality(tmp_path, alice_collection):
    inner = (
        "<ID_LocalityID>5</ID_LocalityID><ID_Type>UPCEAN</ID_Type>"
        "<RatingSystem>FSK</RatingSystem><Rating>12</Rating><RatingAge>12</RatingAge>"
        "<RatingVariant>0</RatingVariant>"
    )
    record = read_one(inner, profile_id="4010232031129.5")
    assert (record.edition.rating_country, record.edition.rating) == ("DE", "FSK 12")
    copy = import_one(tmp_path, alice_collection, inner, profile_id="4010232031129.5")
    assert copy.edition.rating_display == "DE - FSK 12"


def test_a_german_profile_with_only_an_age_is_rated_by_that_age():
    record = read_one("<RatingAge>6</RatingAge>", profile_id="4010232031129.5")
    assert (record.edition.rating_country, record.edition.rating) == ("DE", "FSK 6")


def test_each_attribute_of_an_actor_lands_on_the_credit_and_its_person():
    record = read_one(
        "<Actors>"
        '<Actor FirstName="Frank" MiddleName="" LastName="Oz" BirthYear="1944" Role="Yoda"'
        ' CreditedAs="Frank Oznowicz" Voice="true" Uncredited="false" Puppeteer="true"/>'
        '<Actor FirstName="Robert" MiddleName="" LastName="De Niro" BirthYear="45316"'
        ' Role="Travis" CreditedAs="" Voice="False" Uncredited="True" Puppeteer="False"/>'
        "</Actors>"
    )
    oz, de_niro = record.works[0].credits
    assert (oz.name, oz.character, oz.credited_as) == ("Frank Oz", "Yoda", "Frank Oznowicz")
    assert (oz.voice, oz.uncredited, oz.puppeteer, oz.birth_year) == (True, False, True, 1944)
    assert (de_niro.name, de_niro.uncredited, de_niro.birth_year) == ("Robert De Niro", True, 45316)
    assert (de_niro.first_name, de_niro.middle_name, de_niro.last_name) == ("Robert", "", "De Niro")
    assert record.copy.other_details == ()


def test_a_crew_credits_custom_role_is_its_job_and_its_type_the_department():
    record = read_one(
        "<Credits>"
        '<Credit FirstName="George" LastName="Lucas" BirthYear="1944" CreditType="Writing"'
        ' CreditSubtype="Writer" CustomRole="Written By" CreditedAs=""/>'
        '<Credit FirstName="Holly" LastName="Knight" BirthYear="0" CreditType="Music"'
        ' CreditSubtype="Custom" CustomRole="&quot;Love Is a Battlefield&quot;" CreditedAs=""/>'
        '<Credit FirstName="Ann" LastName="Roth" BirthYear="0" CreditType="Art"'
        ' CreditSubtype="Custom" CreditedAs="Ann B. Roth"/>'
        '<Credit FirstName="Irvin" LastName="Kershner" BirthYear="1923" CreditType="Direction"'
        ' CreditSubtype="Director" CreditedAs=""/>'
        "</Credits>"
    )
    lucas, song, roth, kershner = record.works[0].credits
    assert (lucas.job, lucas.department, lucas.birth_year) == ("Written By", "Writing", 1944)
    assert (song.name, song.job, song.department) == (
        "Holly Knight",
        '"Love Is a Battlefield"',
        "Music",
    )
    assert (roth.job, roth.department, roth.credited_as) == ("Art", "Art", "Ann B. Roth")
    assert (kershner.job, kershner.role) == ("Director", "crew")
    assert "Custom" not in {credit.job for credit in record.works[0].credits}
    assert dict(record.copy.source_extras)["Credits/Credit/@CreditSubtype"] == "Written By: Writer"


def test_name_parts_reach_the_person_as_the_source_gives_them(tmp_path, alice_collection):
    import_one(
        tmp_path,
        alice_collection,
        '<Actors><Actor FirstName="Robert" MiddleName="" LastName="De Niro" BirthYear="1943"'
        ' Role="Travis" CreditedAs="" Voice="false" Uncredited="false" Puppeteer="false"/>'
        "</Actors>",
    )
    person = Person.objects.get(name="Robert De Niro")
    assert (person.first_name, person.middle_name, person.last_name) == ("Robert", "", "De Niro")
    assert person.birth_year == 1943


def test_a_box_sets_children_are_part_of_it_whether_before_or_after_it():
    data = (
        b"<Collection>"
        b"<DVD><ID>111</ID><Title>Child before</Title><BoxSet><Parent>900</Parent></BoxSet></DVD>"
        b"<DVD><ID>900</ID><Title>Box</Title><BoxSet><Parent/><Contents>"
        b"<Content>111</Content><Content>222</Content><Content>333</Content>"
        b"</Contents></BoxSet></DVD>"
        b"<DVD><ID>222</ID><Title>Child after</Title><BoxSet><Parent>900</Parent></BoxSet></DVD>"
        b"<DVD><ID>333</ID><Title>Listed only</Title><BoxSet><Parent/></BoxSet></DVD>"
        b"</Collection>"
    )
    records = list(dvdprofiler.read(io.BytesIO(data)))
    assert [(r.source_id, r.part_of) for r in records] == [
        ("111", "900"),
        ("900", ""),
        ("222", "900"),
        ("333", "900"),
    ]
    assert dict(records[1].copy.source_extras)["BoxSet/Contents"] == "111, 222, 333"


def test_studios_made_the_film_and_media_companies_distribute_the_edition():
    record = read_one(
        "<Studios><Studio>Lucasfilm</Studio><Studio>Amblin</Studio></Studios>"
        "<MediaCompanies><MediaCompany>20th Century Fox Home Entertainment</MediaCompany>"
        "<MediaCompany>Paramount</MediaCompany></MediaCompanies>"
    )
    assert record.works[0].studios == ("Lucasfilm", "Amblin")
    assert record.edition.distributor == "20th Century Fox Home Entertainment"
    assert record.edition.co_distributors == ("Paramount",)


def test_the_editions_facts_land_in_their_fields():
    record = read_one(
        "<RatingDetails>Sci-fi violence</RatingDetails><CaseSlipCover>true</CaseSlipCover>"
        "<Format><FormatAspectRatio>2.35</FormatAspectRatio>"
        "<FormatVideoStandard>PAL</FormatVideoStandard><FormatLetterBox>false</FormatLetterBox>"
        "<FormatPanAndScan>true</FormatPanAndScan><FormatFullFrame>false</FormatFullFrame>"
        "<Format16X9>true</Format16X9><FormatDualSided>false</FormatDualSided>"
        "<FormatDualLayered>true</FormatDualLayered>"
        "<Dimensions><Dim2D>true</Dim2D><Dim3DAnaglyph>false</Dim3DAnaglyph></Dimensions>"
        "</Format>"
        "<Features><FeatureSceneAccess>true</FeatureSceneAccess>"
        "<FeatureCommentary>true</FeatureCommentary><FeatureTrailer>false</FeatureTrailer>"
        "<FeatureDeletedScenes>True</FeatureDeletedScenes><FeatureMakingOf>true</FeatureMakingOf>"
        "<OtherFeatures>Kurzfilm: SAW</OtherFeatures></Features>"
        '<SRP DenominationType="EUR" DenominationDesc="Euro" FormattedValue="14,99 \u20ac">'
        "14.99</SRP>"
        "<EasterEggs>Press &lt;b&gt;up&lt;/b&gt; twice.</EasterEggs>"
        "<Discs><Disc><DualLayeredSideA>true</DualLayeredSideA></Disc></Discs>"
    )
    edition = record.edition
    assert (edition.video_standard, edition.aspect_ratio) == ("PAL", "2.35:1")
    assert edition.screen_formats == ("Widescreen 16:9", "Pan & Scan", "2D")
    assert edition.features == ("Scene access", "Commentary", "Deleted scenes", "Making-of")
    assert edition.other_features == "Kurzfilm: SAW"
    assert (edition.list_price, edition.list_price_currency) == (Decimal("14.99"), "EUR")
    assert (edition.slip_cover, edition.rating_details) == (True, "Sci-fi violence")
    assert edition.easter_eggs == "Press <b>up</b> twice."
    assert edition.disc_list == (DiscRecord(dual_layered=True),)
    assert record.copy.other_details == ()


def test_each_disc_keeps_its_labels_ids_sides_and_own_place():
    record = read_one(
        "<Discs>"
        "<Disc><DescriptionSideA>Main Feature</DescriptionSideA><DescriptionSideB>Pan &amp; Scan"
        "</DescriptionSideB><DiscIDSideA>28B45A2F8D173033</DiscIDSideA><DiscIDSideB>"
        "884B6CA0CB68383E</DiscIDSideB><LabelSideA>FILM_16X9</LabelSideA><LabelSideB>FILM_4X3"
        "</LabelSideB><DualLayeredSideA>false</DualLayeredSideA><DualLayeredSideB>true"
        "</DualLayeredSideB><DualSided>true</DualSided><Location>Shelf 2</Location>"
        "<Slot>14</Slot></Disc>"
        "<Disc><DescriptionSideA>Bonus</DescriptionSideA><Location>Box 3</Location>"
        "<Slot>1</Slot></Disc>"
        "</Discs>"
    )
    assert record.edition.disc_list == (
        DiscRecord(
            label="FILM_16X9",
            description="Main Feature",
            disc_id="28B45A2F8D173033",
            dual_sided=True,
            label_b="FILM_4X3",
            description_b="Pan & Scan",
            disc_id_b="884B6CA0CB68383E",
            dual_layered_b=True,
        ),
        DiscRecord(description="Bonus"),
    )
    assert (record.copy.location, record.copy.storage_slot) == (("Shelf 2",), "14")
    assert record.copy.disc_places == (("2", "Box 3", "1"),)
    assert record.edition.discs == 2


def test_an_html_overview_is_kept_as_html():
    record = read_one(
        "<Overview>&lt;b&gt;Nicolas Cage&lt;/b&gt; in &lt;i&gt;Corelli&lt;/i&gt;</Overview>"
    )
    (plot,) = record.works[0].plots
    assert (plot.text, plot.markup) == ("<b>Nicolas Cage</b> in <i>Corelli</i>", "html")
    assert read_one("<Overview>Plain 1 &lt; 2</Overview>").works[0].plots[0].markup == "text"


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin"])
def test_a_z_timestamp_is_the_same_instant_wherever_cinecat_reads_dates(
    settings, tmp_path, alice_collection, zone
):
    settings.TIME_ZONE = zone
    inner = (
        "<ProfileTimestamp>2010-04-29T09:44:02Z</ProfileTimestamp>"
        "<LastEdited>2012-05-01T10:00:30.000Z</LastEdited>"
    )
    instant = dt.datetime(2012, 5, 1, 10, 0, 30, tzinfo=dt.UTC)
    assert read_one(inner).copy.modified_at == instant
    assert import_one(tmp_path, alice_collection, inner).modified_at == instant


def test_a_borrowers_email_and_phone_are_the_loans(tmp_path, alice_collection):
    inner = (
        "<Events><Event><EventType>Borrowed</EventType>"
        "<Timestamp>2025-01-18T19:09:49.213Z</Timestamp><Note/>"
        '<User FirstName="David" LastName="Meier" EmailAddress="d@example.com"'
        ' PhoneNumber="+49 30 1234"/></Event></Events>'
        "<LoanInfo><Loaned>true</Loaned><Due>2025-02-01</Due>"
        '<User FirstName="David" LastName="Meier" EmailAddress="d@example.com"'
        ' PhoneNumber="+49 30 1234"/></LoanInfo>'
    )
    (loan,) = read_one(inner).copy.loans
    assert loan == LoanRecord(
        "David Meier",
        lent_on=dt.date(2025, 1, 18),
        due_on=dt.date(2025, 2, 1),
        borrower_email="d@example.com",
        borrower_phone="+49 30 1234",
    )
    copy = import_one(tmp_path, alice_collection, inner)
    borrower = Borrower.objects.get(name="David Meier")
    assert (borrower.email, borrower.phone) == ("d@example.com", "+49 30 1234")
    assert Loan.objects.get(copy=copy).borrower == borrower


def test_watched_events_are_the_copys_viewings_with_their_days():
    record = read_one(
        "<Events>"
        "<Event><EventType>Watched</EventType><Timestamp>2011-01-01T20:00:00Z</Timestamp>"
        '<Note>with popcorn</Note><User FirstName="Dan" LastName="" EmailAddress=""'
        ' PhoneNumber=""/></Event>'
        "<Event><EventType>Watched</EventType><Timestamp>2012-06-30T21:30:00Z</Timestamp>"
        "<Note/></Event>"
        "</Events>"
    )
    assert record.copy.viewings == 2
    assert record.copy.viewing_log == (
        ViewingRecord(watched_on=dt.date(2011, 1, 1), company="Dan", note="with popcorn"),
        ViewingRecord(watched_on=dt.date(2012, 6, 30)),
    )


def test_dvd_profilers_own_ids_flags_and_timestamps_are_source_extras():
    record = read_one(
        "<ProfileTimestamp>2010-04-29T09:44:02Z</ProfileTimestamp><ID_VariantNum>1</ID_VariantNum>"
        "<ID_LocalityID>4</ID_LocalityID><ID_Type>DiscID</ID_Type>"
        "<UPC>DiscID:DA28-40E3-8F8D-2F2A</UPC>"
        "<LastEdited>2012-05-01T10:00:30Z</LastEdited>"
        "<PurchaseInfo><PurchasePrice>0</PurchasePrice><PurchasePlaceType>O</PurchasePlaceType>"
        "</PurchaseInfo>"
        '<MediaBanners Front="On" Back="Automatic"/>'
        "<Locks><Entire>false</Entire><Covers>true</Covers><SRP>true</SRP></Locks>",
        profile_id="VVR8K41OSFHKNIA01.4",
    )
    assert record.copy.source_extras == (
        ("ProfileTimestamp", "2010-04-29T09:44:02Z"),
        ("ID_VariantNum", "1"),
        ("ID_Type", "DiscID"),
        ("UPC", "DiscID:DA28-40E3-8F8D-2F2A"),
        ("PurchasePlaceType", "O"),
        ("MediaBanners", "Front: On, Back: Automatic"),
        ("Locks", "Covers, SRP"),
    )
    assert record.copy.other_details == ()
    assert record.edition.barcode == ""
