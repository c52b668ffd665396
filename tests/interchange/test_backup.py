"""Backup and restore: Alice's whole catalog and covers leave in one ZIP and come back the same."""

import errno
import io
import json
import shutil
import struct
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from cinecat.catalog import covers, services
from cinecat.catalog import models as catalog
from cinecat.interchange import backup
from cinecat.interchange.export import export_collection
from cinecat.interchange.management.commands import backup as backup_command
from cinecat.lending.models import Borrower
from tests.catalog.images import encoded, noise
from tests.factories import CollectionFactory


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    default_storage.save("covers/1279-front.jpg", ContentFile(b"\xff\xd8 a cover"))
    return settings.MEDIA_ROOT


@pytest.fixture
def household(alice_catalog, media):
    """Alice's shelves, and Bob's with one copy, an unused tag and a borrower's phone number."""
    bob = CollectionFactory(name="Bob's shelves", slug="bob")
    call_command("import", str(_reference()), "--collection", "bob", stdout=StringIO())
    catalog.Tag.objects.create(collection=bob, name="To watch")
    Borrower.objects.create(collection=alice_catalog, name="Dave", phone="555-0100")
    return alice_catalog, bob


def _reference():
    from tests.conftest import REFERENCE

    return REFERENCE


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def json_export(slug: str) -> bytes:
    stream = io.BytesIO()
    export_collection(catalog.Collection.objects.get(slug=slug), "cinecat-json", stream)
    return stream.getvalue()


def wipe(media_root) -> None:
    """An empty catalog on a new machine: no copies, collections, works, people or covers."""
    shutil.rmtree(media_root)
    catalog.Copy.everything.all().delete()
    for model in (
        catalog.Collection,
        catalog.Edition,
        catalog.Work,
        catalog.Person,
        catalog.Genre,
        catalog.Company,
    ):
        model.objects.all().delete()


def catalog_json(path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("cinecat.json")


def test_a_backup_restored_into_an_empty_catalog_exports_the_same(household, media, tmp_path):
    before = {slug: json_export(slug) for slug in ("alice", "bob")}
    first = tmp_path / "first.zip"
    assert "Backed up 2 collections, 4 copies and 1 media files" in run("backup", "-o", str(first))
    wipe(media)

    output = run("restore", str(first))

    assert "Restored 2 collections, 4 copies and 1 media files" in output
    assert {slug: json_export(slug) for slug in ("alice", "bob")} == before
    assert default_storage.open("covers/1279-front.jpg").read() == b"\xff\xd8 a cover"
    second = tmp_path / "second.zip"
    run("backup", "-o", str(second))
    assert catalog_json(second) == catalog_json(first)


def test_restore_keeps_what_no_copy_names(household, media, tmp_path):
    path = tmp_path / "backup.zip"
    run("backup", "-o", str(path))
    wipe(media)
    run("restore", str(path))
    assert catalog.Tag.objects.get(name="To watch").collection.slug == "bob"
    assert Borrower.objects.get(name="Dave").phone == "555-0100"
    reference = catalog.Copy.objects.get(collection__slug="alice", index=1279)
    assert reference.source_key == "clz-page"  # re-importing the page finds it again


def test_a_copy_in_the_trash_comes_back_into_the_trash(household, media, tmp_path):
    heat = catalog.Copy.objects.get(collection__slug="alice", index=8)
    services.trash([heat])
    trashed_at = catalog.Copy.everything.get(pk=heat.pk).trashed_at
    path = tmp_path / "backup.zip"
    output = run("backup", "-o", str(path))
    assert "Backed up 2 collections, 4 copies (1 in the trash) and 1 media files" in output
    wipe(media)

    output = run("restore", str(path))

    assert "Restored 2 collections, 4 copies (1 in the trash) and 1 media files" in output
    alice = catalog.Copy.objects.filter(collection__slug="alice")
    assert list(alice.values_list("index", flat=True)) == [7, 1279]
    restored = catalog.Copy.everything.get(collection__slug="alice", index=8)
    assert restored.trashed_at == trashed_at
    assert (restored.first_work.title, restored.status) == ("Heat", "wish")


def cover_rows(copy: catalog.Copy) -> list[tuple]:
    rows = copy.edition.covers.order_by("side")
    return list(rows.values_list("side", "image", "width", "height", "uploaded_at"))


def test_covers_come_back_on_their_editions_with_their_thumbnails(household, media, tmp_path):
    reference = catalog.Copy.objects.get(collection__slug="alice", index=1279)
    box_set = catalog.Copy.objects.get(collection__slug="alice", index=7)
    saved = [
        covers.save_cover(reference.edition, "front", encoded(noise((300, 450)), "JPEG")),
        covers.save_cover(reference.edition, "back", encoded(noise((200, 300)), "PNG")),
        covers.save_cover(box_set.edition, "front", encoded(noise((400, 600)), "JPEG")),
    ]
    files = {
        name: default_storage.open(name).read() for c in saved for name in covers.cover_files(c)
    }
    rows = {index: cover_rows(copy) for index, copy in ((1279, reference), (7, box_set))}
    first = tmp_path / "first.zip"
    assert "4 copies, 3 covers and 10 media files" in run("backup", "-o", str(first))
    wipe(media)

    output = run("restore", str(first))

    assert "Restored 2 collections, 4 copies, 3 covers and 10 media files" in output
    alice = catalog.Copy.objects.filter(collection__slug="alice")
    assert {index: cover_rows(alice.get(index=index)) for index in rows} == rows
    # Bob owns the same DVD as Alice: their copies still share one edition and its covers.
    bobs = catalog.Copy.objects.get(collection__slug="bob")
    assert bobs.edition_id == alice.get(index=1279).edition_id
    assert catalog.Cover.objects.count() == 3
    assert {name: default_storage.open(name).read() for name in files} == files
    second = tmp_path / "second.zip"
    run("backup", "-o", str(second))
    assert catalog_json(second) == catalog_json(first)


def test_a_cover_whose_file_is_gone_is_left_out_of_the_backup(household, media, tmp_path):
    edition = catalog.Copy.objects.get(collection__slug="alice", index=1279).edition
    covers.save_cover(edition, "front", encoded(noise((300, 450)), "JPEG"))
    lost = covers.save_cover(edition, "back", encoded(noise((200, 300)), "JPEG"))
    default_storage.delete(lost.image.name)
    path = tmp_path / "backup.zip"
    assert "4 copies, 1 covers and 6 media files" in run("backup", "-o", str(path))
    wipe(media)

    run("restore", str(path))

    assert list(catalog.Cover.objects.values_list("side", flat=True)) == ["front"]


def not_written(target, message: str) -> str:
    with pytest.raises(CommandError) as error:
        run("backup", "-o", str(target))
    assert str(error.value).startswith(message)
    return str(error.value)


def test_backup_into_a_folder_that_does_not_exist_says_so(db, tmp_path):
    target = tmp_path / "nowhere" / "x.zip"
    not_written(target, f"{target}: cannot be written: there is no folder {tmp_path / 'nowhere'}")
    assert not (tmp_path / "nowhere").exists()


def test_backup_to_a_folder_asks_for_the_zip_to_write(db, tmp_path):
    said = not_written(
        tmp_path, f"{tmp_path} is a folder: --output names the ZIP to write, such as"
    )
    example = Path(said.rsplit(" ", 1)[1])
    assert (example.parent, example.suffix) == (tmp_path, ".zip")
    assert example.name.startswith("cinecat-backup-")
    assert list(tmp_path.iterdir()) == []


def test_backup_on_a_full_disk_says_why_and_leaves_no_part_behind(db, tmp_path, monkeypatch):
    def full(stream):
        stream.write(b"PK")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_command, "write_backup", full)
    target = tmp_path / "backup.zip"
    not_written(target, f"{target}: cannot be written: No space left on device")
    assert list(tmp_path.iterdir()) == []


def refused(path, message: str) -> None:
    before = catalog.Copy.objects.count()
    with pytest.raises(CommandError) as error:
        run("restore", str(path))
    assert message in str(error.value)
    assert "Nothing was restored." in str(error.value)
    assert catalog.Copy.objects.count() == before


def test_restore_refuses_a_catalog_that_has_copies(household, tmp_path):
    path = tmp_path / "backup.zip"
    run("backup", "-o", str(path))
    refused(path, "the catalog already holds 4 copies: restore only into an empty catalog")


def test_restore_refuses_a_catalog_whose_copies_are_all_in_the_trash(household, tmp_path):
    path = tmp_path / "backup.zip"
    run("backup", "-o", str(path))
    services.trash(catalog.Copy.objects.all())
    refused(path, "the catalog already holds 4 copies (4 in the trash): restore only into an")
    assert catalog.Copy.everything.count() == 4


def a_zip(tmp_path, members: dict[str, bytes]):
    path = tmp_path / "suspect.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


EMPTY_BACKUP = b'{"format": "cinecat", "version": 1, "collections": [], "entries": []}'


def test_restore_refuses_a_member_that_climbs_out(db, tmp_path):
    path = a_zip(tmp_path, {"cinecat.json": EMPTY_BACKUP, "media/../../evil": b"x"})
    refused(path, "refusing 'media/../../evil': a backup's paths stay inside the backup")


def test_restore_refuses_an_absolute_member(db, tmp_path):
    path = a_zip(tmp_path, {"cinecat.json": EMPTY_BACKUP, "/etc/evil": b"x"})
    refused(path, "refusing '/etc/evil'")


def test_restore_refuses_an_oversized_member(db, tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "MAX_MEDIA_BYTES", 10)
    path = a_zip(tmp_path, {"cinecat.json": EMPTY_BACKUP, "media/big.jpg": b"x" * 11})
    refused(path, "refusing 'media/big.jpg': 11 bytes is more than the 10 a backup member may hold")


def test_restore_refuses_a_zip_that_is_not_a_backup(db, tmp_path):
    refused(a_zip(tmp_path, {"notes.txt": b"hello"}), "this ZIP is not a cinecat backup")


def test_restore_refuses_a_file_that_is_not_a_zip(db, tmp_path, reference_path):
    refused(reference_path, "this is not a ZIP file")


def test_restore_refuses_an_export_in_a_zip(alice_catalog, tmp_path):
    export = json_export("alice")
    catalog.Copy.objects.all().delete()
    refused(a_zip(tmp_path, {"cinecat.json": export}), "it is an export, not a backup")


def a_covered_entry(image: str, side: str = "front") -> bytes:
    cover = {"side": side, "image": image, "width": 300, "height": 450}
    entry = {"collection": "a", "works": [{"title": "Heat"}], "covers": [cover]}
    collections = [{"name": "A", "slug": "a"}]
    document = {"format": "cinecat", "version": 2, "collections": collections, "entries": [entry]}
    return json.dumps(document).encode()


def test_a_backup_written_before_covers_and_trash_were_kept_still_restores(db, tmp_path):
    entry = {"collection": "a", "source_key": "clz-page", "works": [{"title": "Heat"}]}
    document = {
        "format": "cinecat",
        "version": 1,
        "collections": [{"name": "A", "slug": "a"}],
        "entries": [{**entry, "copy": {"index": 3}}],
    }
    path = a_zip(tmp_path, {"cinecat.json": json.dumps(document).encode()})

    assert "Restored 1 collections, 1 copies and 0 media files" in run("restore", str(path))

    heat = catalog.Copy.objects.get(collection__slug="a", index=3)
    assert (heat.first_work.title, heat.source_key, heat.trashed_at) == ("Heat", "clz-page", None)


def test_restore_refuses_a_cover_whose_file_the_backup_does_not_hold(db, media, tmp_path):
    path = a_zip(tmp_path, {"cinecat.json": a_covered_entry("covers/1/front-ab.jpg")})
    refused(path, "entry #1: its front cover 'covers/1/front-ab.jpg' is not among the backup's")
    assert not catalog.Edition.objects.exists()


def test_restore_refuses_a_cover_that_is_neither_front_nor_back(db, media, tmp_path):
    document = a_covered_entry("covers/1/spine.jpg", side="spine")
    path = a_zip(tmp_path, {"cinecat.json": document, "media/covers/1/spine.jpg": b"x"})
    refused(path, "entry #1: a cover is the front or the back, not 'spine'")


def damage(path, old: bytes, new: bytes) -> None:
    """One member's bytes changed in place, as a bad disk or a bad copy would."""
    data = path.read_bytes()
    assert data.count(old) == 1
    path.write_bytes(data.replace(old, new))


def test_restore_says_a_backup_with_a_wrong_checksum_is_damaged(db, media, tmp_path):
    path = a_zip(tmp_path, {"cinecat.json": a_covered_entry("covers/1/front-ab.jpg")})
    damage(path, b'"Heat"', b'"Heap"')
    refused(path, "the backup is damaged and cannot be read (Bad CRC-32 for file 'cinecat.json')")
    assert not catalog.Collection.objects.exists()


def test_restore_says_a_backup_whose_compressed_catalog_is_broken_is_damaged(db, tmp_path):
    path = tmp_path / "backup.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("cinecat.json", EMPTY_BACKUP)
        info = archive.getinfo("cinecat.json")
    data = bytearray(path.read_bytes())
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    data[info.header_offset + 30 + name_length + extra_length] = 0xFF  # no such deflate block
    path.write_bytes(data)
    refused(path, "the backup is damaged and cannot be read (Error -3 while decompressing")


def test_a_damaged_cover_file_leaves_no_file_and_no_catalog_behind(db, media, tmp_path):
    members = {
        "cinecat.json": a_covered_entry("covers/1/front-ab.jpg"),
        "media/covers/1/front-ab.jpg": b"\xff\xd8 a cover picture",
    }
    path = a_zip(tmp_path, members)
    damage(path, b"a cover picture", b"a cover pictura")
    refused(path, "the backup is damaged and cannot be read (Bad CRC-32 for file 'media/covers/")
    assert not default_storage.exists("covers/1/front-ab.jpg")
    assert not catalog.Edition.objects.exists()


def test_restore_says_a_backup_cut_short_looks_truncated(household, media, tmp_path):
    path = tmp_path / "backup.zip"
    run("backup", "-o", str(path))
    wipe(media)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    refused(path, "the file starts as a ZIP but its end is missing or damaged: the backup looks")


def test_a_broken_catalog_restores_nothing(db, tmp_path):
    broken = EMPTY_BACKUP.replace(b'"collections": []', b'"collections": [{"slug": "x"}]')
    refused(a_zip(tmp_path, {"cinecat.json": broken}), "collections[0].name: is missing")
    assert not catalog.Collection.objects.exists()


def test_restore_refuses_a_member_that_is_not_part_of_a_backup(db, tmp_path):
    path = a_zip(tmp_path, {"cinecat.json": EMPTY_BACKUP, "notes.txt": b"hello"})
    refused(path, "'notes.txt' has no place in a cinecat backup")


def test_copies_of_one_edition_without_a_barcode_share_it_again_with_its_covers(
    household, media, tmp_path
):
    box_set = catalog.Copy.objects.get(collection__slug="alice", index=7)
    catalog.Edition.objects.filter(pk=box_set.edition_id).update(barcode="")  # typed by hand
    box_set.refresh_from_db()
    second = services.add_copy(box_set.collection, box_set.edition)
    trashed = services.add_copy(box_set.collection, box_set.edition)
    services.trash([trashed])
    covers.save_cover(box_set.edition, "front", encoded(noise((400, 600)), "JPEG"))
    editions = catalog.Edition.objects.count()
    works = catalog.Work.objects.count()
    films = [work.title for work in services.films_of(box_set.edition)]
    first = tmp_path / "first.zip"
    run("backup", "-o", str(first))
    wipe(media)

    run("restore", str(first))

    copies = catalog.Copy.everything.filter(
        collection__slug="alice", index__in=[7, second.index, trashed.index]
    )
    assert len({copy.edition_id for copy in copies}) == 1
    assert len(copies) == 3
    restored = catalog.Copy.objects.get(collection__slug="alice", index=second.index)
    assert restored.edition.covers.count() == 1
    assert [work.title for work in services.films_of(restored.edition)] == films
    assert (catalog.Edition.objects.count(), catalog.Work.objects.count()) == (editions, works)
    again = tmp_path / "again.zip"
    run("backup", "-o", str(again))
    assert catalog_json(again) == catalog_json(first)


@pytest.fixture
def heat_backup_json(household, media, tmp_path):
    """Alice put Heat in the trash and made a backup: its cinecat.json, and when Heat went."""
    heat = catalog.Copy.objects.get(collection__slug="alice", index=8)
    services.trash([heat])
    path = tmp_path / "backup.zip"
    run("backup", "-o", str(path))
    json_path = tmp_path / "cinecat.json"
    json_path.write_bytes(catalog_json(path))
    return json_path, catalog.Copy.everything.get(pk=heat.pk).trashed_at


def test_importing_a_backups_json_brings_a_copy_from_the_trash_into_the_trash(heat_backup_json):
    path, trashed_at = heat_backup_json
    carol = CollectionFactory(name="Carol's shelves", slug="carol")

    output = run("import", str(path), "--collection", "carol")

    assert "4 created (1 of them in the trash, as in the file), 0 updated" in output
    assert f"note: into the trash, as in the file (there since {trashed_at:%Y-%m-%d})" in output
    heat = catalog.Copy.everything.get(collection=carol, edition__format="4K UHD")
    assert (heat.first_work.title, heat.trashed_at) == ("Heat", trashed_at)
    assert catalog.Copy.objects.filter(collection=carol).count() == 3


def test_the_import_service_reports_the_copies_it_put_in_the_trash(heat_backup_json):
    from cinecat.interchange.services import import_files

    path, trashed_at = heat_backup_json
    carol = CollectionFactory(name="Carol's shelves", slug="carol")

    (job,) = import_files([path], carol)

    assert (job.created, job.trashed) == (4, 1)
    trashed = catalog.Copy.everything.filter(collection=carol, trashed_at__isnull=False)
    assert [copy.first_work.title for copy in trashed] == ["Heat"]
    assert job.items.get(copy__in=trashed).message.startswith("into the trash, as in the file")


def test_importing_a_backups_json_again_finds_its_copies_in_the_trash_too(heat_backup_json):
    path, trashed_at = heat_backup_json
    carol = CollectionFactory(name="Carol's shelves", slug="carol")
    run("import", str(path), "--collection", "carol")

    output = run("import", str(path), "--collection", "carol", "--on-duplicate", "update")

    assert "0 created, 0 updated, 4 already as in the file" in output
    assert "note: matches copy #8, in the trash" in output
    assert "stays in the catalog" not in output
    heat = catalog.Copy.everything.get(collection=carol, edition__format="4K UHD")
    assert heat.trashed_at == trashed_at
    assert catalog.Copy.everything.filter(collection=carol).count() == 4


def test_an_import_updating_a_copy_on_the_shelves_leaves_it_there(heat_backup_json):
    path, trashed_at = heat_backup_json
    heat = catalog.Copy.everything.get(collection__slug="alice", index=8)
    services.restore([heat])  # Alice changed her mind after the backup

    output = run("import", str(path), "--collection", "alice", "--on-duplicate", "update")

    assert "same #8 Heat [4K UHD]" in output  # found, nothing to change
    assert "the copy it updated stays in the catalog" in output
    assert catalog.Copy.everything.get(pk=heat.pk).trashed_at is None
    assert not catalog.Copy.everything.filter(collection__slug="alice", trashed_at__isnull=False)


def a_backup_listing(tmp_path, **lists) -> Path:
    """A backup of one collection, Heat on its shelves, whose collection lists these values."""
    collection = {"name": "A", "slug": "a", **lists}
    entry = {"collection": "a", "works": [{"title": "Heat"}], "copy": {"tags": ["Crime"]}}
    document = {"format": "cinecat", "version": 2, "collections": [collection], "entries": [entry]}
    return a_zip(tmp_path, {"cinecat.json": json.dumps(document).encode()})


LONG = "Long " * 50  # 250 characters: older versions kept such names on SQLite


@pytest.mark.parametrize(
    ("lists", "message"),
    [
        ({"tags": ["Crime", LONG]}, "the tag 'Long Long"),
        ({"storage_devices": [LONG]}, "the storage device 'Long Long"),
        ({"locations": [["Attic"], ["Attic", LONG]]}, "the location 'Long Long"),
        ({"borrowers": [{"name": LONG}]}, "the borrower 'Long Long"),
        ({"name": LONG}, "the name 'Long Long"),
        ({"borrowers": [{"name": "Bob", "phone": "5" * 41}]}, "the borrower 'Bob': the phone '555"),
    ],
    ids=["tag", "storage device", "location", "borrower", "collection name", "borrower's phone"],
)
def test_restore_refuses_a_name_too_long_for_its_column_and_writes_nothing(
    db, tmp_path, lists, message
):
    path = a_backup_listing(tmp_path, **lists)

    refused(path, f"cinecat.json, the collections list, collection 'a': {message}")

    assert not catalog.Collection.objects.exists()
    assert not catalog.Tag.objects.exists()
    assert not Borrower.objects.exists()


def test_the_refusal_says_how_long_the_name_is_and_what_fits(db, tmp_path):
    with pytest.raises(CommandError) as error:
        run("restore", str(a_backup_listing(tmp_path, tags=[LONG])))
    assert "is 250 characters; at most 200 fit. Nothing was restored." in str(error.value)


def test_restore_refuses_a_name_holding_a_nul_character(db, tmp_path):
    refused(a_backup_listing(tmp_path, storage_devices=["Binder\x001"]), "NUL character")
    assert not catalog.Collection.objects.exists()


def test_restore_refuses_a_cover_whose_size_no_column_holds(db, media, tmp_path):
    document = json.loads(a_covered_entry("covers/heat.jpg"))
    document["entries"][0]["covers"][0]["width"] = 2**40
    path = a_zip(tmp_path, {"cinecat.json": json.dumps(document), "media/covers/heat.jpg": b"x"})
    refused(path, "its front cover: the width 1099511627776 is out of range: 0 to 2147483647")
    assert not default_storage.exists("covers/heat.jpg")


def test_a_backup_whose_names_fit_restores_them(db, tmp_path):
    path = a_backup_listing(tmp_path, tags=["x" * 200], borrowers=[{"name": "Bob"}])
    assert "Restored 1 collections, 1 copies" in run("restore", str(path))
    assert catalog.Tag.objects.filter(name="x" * 200).exists()


def test_restore_refuses_a_source_key_too_long_for_its_column(db, tmp_path):
    entry = {"collection": "a", "source_key": "s" * 31, "works": [{"title": "Heat"}]}
    collections = [{"name": "A", "slug": "a"}]
    document = {"format": "cinecat", "version": 2, "collections": collections, "entries": [entry]}
    path = a_zip(tmp_path, {"cinecat.json": json.dumps(document).encode()})
    refused(path, "the source_key 'sssss")
    assert not catalog.Collection.objects.exists()


def test_a_backups_json_read_in_a_second_process_still_brings_its_trash(
    heat_backup_json, monkeypatch
):
    from cinecat.interchange import read_ahead

    path, trashed_at = heat_backup_json
    carol = CollectionFactory(name="Carol's shelves", slug="carol")
    monkeypatch.setattr(read_ahead, "worth_it", lambda size: True)

    run("import", str(path), "--collection", "carol")

    heat = catalog.Copy.everything.get(collection=carol, edition__format="4K UHD")
    assert heat.trashed_at == trashed_at


def history_rows() -> list[tuple]:
    rows = catalog.CopyChange.objects.order_by("copy__collection__slug", "copy__index", "at")
    fields = ("copy__collection__slug", "copy__index", "at", "by__username", "action", "changes")
    return list(rows.values_list(*fields))


def import_rows() -> list[tuple]:
    from cinecat.interchange.models import ImportItem, ImportJob

    jobs = ImportJob.objects.order_by("created_at").values_list(
        "collection__slug", "source_name", "status", "created", "error", "created_at", "finished_at"
    )
    items = ImportItem.objects.order_by("job__created_at", "position").values_list(
        "job__source_name", "position", "where", "title", "action", "copy__index", "message"
    )
    return [*jobs, *items]


def test_a_restore_brings_back_every_copys_history_and_every_imports_record(
    household, media, tmp_path, django_user_model
):
    alice, _ = household
    dawn = django_user_model.objects.create(username="dawn")
    copy = alice.copies.order_by("index").first()
    services.trash([copy], by=dawn)
    services.restore([copy])
    history, imports = history_rows(), import_rows()
    assert len(history) == 2 and any(row[3] == "dawn" for row in history)
    assert imports  # the households' imports, with their entries
    path = tmp_path / "backup.zip"
    run("backup", "-o", str(path))
    wipe(media)

    run("restore", str(path))

    assert history_rows() == history
    assert import_rows() == imports


def test_uploaded_import_files_are_never_backed_up(household, media, tmp_path):
    default_storage.save("imports/films.csv", ContentFile(b"Title\nHeat\n"))
    path = tmp_path / "backup.zip"
    run("backup", "-o", str(path))
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert "media/covers/1279-front.jpg" in names
    assert not [name for name in names if name.startswith("media/imports/")]


def test_an_older_backups_uploads_are_not_restored(db, media, tmp_path):
    with zipfile.ZipFile(tmp_path / "old.zip", "w") as archive:
        archive.writestr(
            "cinecat.json", b'{"format": "cinecat", "version": 2, "collections": [], "entries": []}'
        )
        archive.writestr("media/imports/films.csv", b"Title\nHeat\n")
    run("restore", str(tmp_path / "old.zip"))
    assert not default_storage.exists("imports/films.csv")
