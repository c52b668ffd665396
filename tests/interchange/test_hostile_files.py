"""Hostile or broken files are refused with a clear message, and the catalog is unchanged."""

import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cinecat.catalog.models import Copy, Person, Work
from tests.conftest import SHARED

LAUGHS = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
BOMB = (
    f'<?xml version="1.0"?><!DOCTYPE movieinfo [<!ENTITY l0 "lol">{LAUGHS}]>'
    "<movieinfo>&l9;</movieinfo>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE Collection [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    "<Collection><DVD><ID>1</ID><Title>&x;</Title></DVD></Collection>"
)


def state():
    return Copy.objects.count(), Work.objects.count(), Person.objects.count()


def refused(alice_collection, path, *needles: str) -> None:
    before = state()
    with pytest.raises(CommandError) as error:
        call_command("import", str(path), "--collection", "alice")
    for needle in needles:
        assert needle in str(error.value)
    assert state() == before


def test_an_entity_expansion_bomb_is_refused(alice_collection, tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text(BOMB)
    refused(alice_collection, path, "bomb.xml", "entit")


def test_an_external_entity_is_never_fetched(alice_collection, tmp_path):
    path = tmp_path / "xxe.xml"
    path.write_text(XXE)
    refused(alice_collection, path, "xxe.xml", "entit")


def test_a_truncated_export_is_refused_with_its_line(alice_collection, tmp_path):
    path = tmp_path / "cut.xml"
    path.write_bytes((SHARED / "data/exports/clz/collectorz_movies.xml").read_bytes()[:5000])
    refused(alice_collection, path, "cut.xml: line ")


def test_a_zip_with_paths_outside_the_archive_is_refused(alice_collection, tmp_path):
    path = tmp_path / "evil.tc"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("tellico.xml", "<tellico/>")
        archive.writestr("../../evil.xml", "gotcha")
    refused(alice_collection, path, "evil.tc", "..")


def test_a_file_of_another_kind_is_refused(alice_collection, tmp_path):
    path = tmp_path / "cover.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    refused(alice_collection, path, "cover.png: cinecat does not recognise this file's format")
