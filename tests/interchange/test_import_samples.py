"""Every real export in the shared samples imports end to end, each entry accounted for."""

import pytest
from django.core.management import call_command

from cinecat.catalog.models import Copy
from cinecat.interchange import registry
from cinecat.interchange.models import ImportJob
from tests.conftest import SHARED

EXPORTS = SHARED / "data" / "exports"
SAMPLES = {
    "clz/collectorz_movies.xml": ("clz-xml", 14),
    "dvdprofiler/royw_collection.xml": ("dvdprofiler", 32),
    "dvdprofiler/sixdegrees_test2.xml": ("dvdprofiler", 2),
    "dvdprofiler/sixdegrees_test3.xml": ("dvdprofiler", 5),
    "dvdprofiler/sixdegrees_test4.xml": ("dvdprofiler", 3),
    "dvdprofiler/sixdegrees_test5.xml": ("dvdprofiler", 2),
    "tellico/movies-many.tc": ("tellico", 82),
    "gcstar/test-video.gcs": ("gcstar", 3),
    "griffith/griffith.xml": ("griffith", 5),
    "delicious/delicious1_movies.xml": ("delicious1", 4),
    "delicious/delicious2_movies_plist.xml": ("delicious2", 4),
    "datacrow/datacrow_movies.xml": ("datacrow", 1),
    "datacrow/datacrow_movies5.xml": ("datacrow", 3),
}


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_each_sample_is_recognised_from_its_content(sample):
    head = (EXPORTS / sample).read_bytes()[: registry.HEAD_SIZE]
    detected = registry.detect(head).key
    assert detected == SAMPLES[sample][0]


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_each_sample_imports_every_entry(alice_collection, sample):
    key, entries = SAMPLES[sample]
    call_command("import", str(EXPORTS / sample), "--collection", "alice", stdout=None)
    job = ImportJob.objects.get()
    assert (job.status, job.format_key, job.processed, job.failed) == ("done", key, entries, 0)
    assert job.items.count() == entries
    assert Copy.objects.filter(collection=alice_collection).count() == job.created


def test_importing_a_sample_twice_changes_nothing_the_second_time(alice_collection):
    path = str(EXPORTS / "clz/collectorz_movies.xml")
    call_command("import", path, "--collection", "alice", stdout=None)
    first = sorted(Copy.objects.values_list("index", "edition__barcode", "owner"))
    call_command("import", path, "--collection", "alice", stdout=None)
    again = ImportJob.objects.order_by("pk").last()
    assert (again.created, again.updated, again.same) == (0, 0, 14)  # each found, as it was
    assert sorted(Copy.objects.values_list("index", "edition__barcode", "owner")) == first


def test_an_impossible_date_in_a_real_export_is_kept_on_its_entry_and_sinks_nothing(
    tmp_path, alice_collection
):
    real = (EXPORTS / "dvdprofiler/royw_collection.xml").read_bytes().decode("latin-1")
    first = real.index("<PurchaseDate>") + len("<PurchaseDate>")
    odd = real[:first] + "2023-02-30" + real[real.index("<", first) :]
    path = tmp_path / "collection.xml"
    path.write_bytes(odd.encode("latin-1"))

    call_command("import", str(path), "--collection", "alice", stdout=None)

    assert Copy.objects.count() == 32  # every entry, the odd one too
    flagged = Copy.objects.exclude(flags=[]).get()
    assert flagged.purchased_on is None
    assert ["PurchaseInfo/PurchaseDate", "2023-02-30"] in flagged.other_details
    assert "'2023-02-30' is not a date" in flagged.flags[0][1]
    job = ImportJob.objects.get()
    assert "PurchaseDate: '2023-02-30'" in job.items.get(copy=flagged).message


def test_a_box_sets_films_are_linked_to_its_copy_and_exported_as_in_it(tmp_path, alice_collection):
    call_command(
        "import",
        str(EXPORTS / "dvdprofiler/royw_collection.xml"),
        "--collection",
        "alice",
        stdout=None,
    )
    box = Copy.objects.get(source_id="025192829925")
    assert box.box_contents.count() == 3
    out = tmp_path / "out.xml"
    call_command("export", "--collection", "alice", "--format", "dvdprofiler", "-o", str(out))
    written = out.read_text(encoding="utf-8")
    assert written.count("<Parent>025192829925</Parent>") == 3

    call_command("import", str(out), "--collection", "alice", stdout=None)  # the way back in
    assert Copy.objects.get(source_id="025192829925").box_contents.count() == 3
