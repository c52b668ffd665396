"""The shared DVD Profiler samples, read, written by cinecat and read again: the same records,
every field DVD Profiler has, written into DVD Profiler's own elements in its 4.x shape."""

import dataclasses
import io
from pathlib import Path

import pytest
from lxml import etree

from cinecat.interchange.formats import dvdprofiler

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports" / "dvdprofiler"
NAMES = sorted(path.name for path in SAMPLES.glob("*.xml"))

# DVD Profiler 4.0's <DVD>, in its schema's order; (name, required).
DVD_SEQUENCE = [
    ("ProfileTimestamp", True),
    ("ID", True),
    ("ID_Base", False),
    ("ID_VariantNum", True),
    ("ID_LocalityID", True),
    ("ID_LocalityDesc", False),
    ("ID_Type", True),
    ("MediaTypes", True),
    ("UPC", True),
    ("CollectionNumber", True),
    ("CollectionType", True),
    ("Title", True),
    ("DistTrait", True),
    ("OriginalTitle", True),
    ("CountryOfOrigin", True),
    ("CountryOfOrigin2", True),
    ("CountryOfOrigin3", True),
    ("ProductionYear", True),
    ("Released", False),
    ("RunningTime", True),
    ("RatingSystem", True),
    ("Rating", True),
    ("RatingAge", True),
    ("RatingVariant", True),
    ("RatingDetails", False),
    ("CaseType", True),
    ("CaseSlipCover", False),
    ("Genres", True),
    ("Regions", True),
    ("Format", True),
    ("Features", True),
    ("Studios", True),
    ("MediaCompanies", True),
    ("Audio", True),
    ("Subtitles", True),
    ("SRP", True),
    ("Actors", False),
    ("Credits", False),
    ("Overview", False),
    ("EasterEggs", False),
    ("Discs", True),
    ("SortTitle", True),
    ("LastEdited", False),
    ("WishPriority", True),
    ("CountAs", True),
    ("PurchaseInfo", True),
    ("Review", True),
    ("MediaBanners", False),  # required by the schema; only kept ones are written
    ("Exclusions", False),
    ("Events", True),
    ("BoxSet", True),
    ("LoanInfo", True),
    ("MyLinks", True),
    ("Notes", False),
    ("Tags", False),
    ("Locks", False),
    ("PluginCustomData", False),
]
FORMAT_SEQUENCE = [
    "FormatAspectRatio",
    "FormatVideoStandard",
    "ColorFormat",
    "DynamicRange",
    "FormatLetterBox",
    "FormatPanAndScan",
    "FormatFullFrame",
    "Format16X9",
    "FormatDualSided",
    "FormatDualLayered",
    "Dimensions",
]
DISC_SEQUENCE = [
    "DescriptionSideA",
    "DescriptionSideB",
    "DiscIDSideA",
    "DiscIDSideB",
    "LabelSideA",
    "LabelSideB",
    "DualLayeredSideA",
    "DualLayeredSideB",
    "DualSided",
    "Location",
    "Slot",
]
ACTOR = {"FirstName", "MiddleName", "LastName", "BirthYear", "Role", "CreditedAs"}
ACTOR |= {"Voice", "Uncredited", "Puppeteer"}
CREDIT = {"FirstName", "MiddleName", "LastName", "BirthYear", "CreditType", "CreditSubtype"}
CREDIT |= {"CreditedAs"}


def read(data: bytes) -> list:
    return list(dvdprofiler.read(io.BytesIO(data)))


def written(records) -> bytes:
    stream = io.BytesIO()
    dvdprofiler.write(records, stream)
    return stream.getvalue()


def comparable(record):
    return dataclasses.replace(record, where="", unmapped=())


@pytest.fixture(scope="module", params=NAMES)
def sample(request):
    records = read((SAMPLES / request.param).read_bytes())
    return records, written(records)


def test_a_sample_read_written_and_read_again_gives_the_same_records(sample):
    records, data = sample
    assert [comparable(r) for r in read(data)] == [comparable(r) for r in records]


def test_the_written_file_is_well_formed_utf8_with_a_profile_a_record(sample):
    records, data = sample
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<Collection>')
    root = etree.fromstring(data)
    assert [dvd.findtext("ID") for dvd in root] == [record.source_id for record in records]


def _in_order(tags: list[str], sequence: list[str]) -> bool:
    positions = [sequence.index(tag) for tag in tags]
    return positions == sorted(positions)


def test_each_profile_has_dvd_profilers_elements_in_its_order(sample):
    _, data = sample
    names = [name for name, _ in DVD_SEQUENCE]
    required = {name for name, needed in DVD_SEQUENCE if needed}
    for dvd in etree.fromstring(data):
        tags = [child.tag for child in dvd]
        assert set(tags) <= set(names), set(tags) - set(names)  # no OtherDetails of cinecat's
        assert required <= set(tags)
        assert _in_order(tags, names)
        assert _in_order([child.tag for child in dvd.find("Format")], FORMAT_SEQUENCE)
        for disc in dvd.iterfind("Discs/Disc"):
            assert [child.tag for child in disc] == DISC_SEQUENCE
        for actor in dvd.iterfind("Actors/Actor"):
            assert set(actor.attrib) >= ACTOR
        for credit in dvd.iterfind("Credits/Credit"):
            assert set(credit.attrib) >= CREDIT
        for divider in dvd.iterfind("*/Divider"):
            assert {"Caption", "Type"} <= set(divider.attrib)


def test_the_values_go_back_into_their_own_elements():
    records = read((SAMPLES / "sixdegrees_test3.xml").read_bytes())
    star_wars, smallville = etree.fromstring(written(records))[:2]
    assert star_wars.findtext("ID_LocalityID") == "5"
    assert (star_wars.findtext("Rating"), star_wars.findtext("RatingAge")) == ("", "6")
    assert star_wars.find("Actors/Actor[@LastName='Oz']").get("Voice") == "true"
    lucas = star_wars.find("Credits/Credit[@LastName='Lucas'][@CreditType='Writing']")
    assert (lucas.get("CreditSubtype"), lucas.get("CustomRole")) == ("Writer", "Written By")
    dividers = smallville.findall("Actors/Divider")
    assert [(d.get("Caption"), d.get("Type")) for d in dividers][:2] == [
        ("10.01 Lazarus", "Episode"),
        ("10.02 Shield", "Episode"),
    ]
    assert smallville.findtext("UPC") == "Disc ID: 0043-051F-AD9B-07F3"
    assert smallville.findtext("ID_Type") == "DiscID"
    royw = read((SAMPLES / "royw_collection.xml").read_bytes())
    profiles = {dvd.findtext("ID"): dvd for dvd in etree.fromstring(written(royw))}
    mummy = profiles["025192063626"]
    assert [node.text for node in mummy.iterfind("Studios/Studio")] == [
        "Universal Pictures",
        "Alphaville Films",
    ]
    assert mummy.findtext("MediaCompanies/MediaCompany") == "Universal Home Video"
    assert (mummy.findtext("SRP"), mummy.findtext("RatingSystem")) == ("24.98", "Film")
    assert mummy.findtext("Features/FeatureCommentary") == "true"
    assert mummy.findtext("Format/Format16X9") == "true"
    assert mummy.findtext("Discs/Disc/LabelSideA") == "MUMMY169"
    assert mummy.findtext("UPC") == "025192-063626"
    assert profiles["025192829925"].findtext("BoxSet/Contents/Content") == "025192063626"
    assert profiles["I4D72C1479DE6625E"].findtext("BoxSet/Parent") == "025192829925"
    assert profiles["837101098915"].findtext("Locks/SRP") == "true"
