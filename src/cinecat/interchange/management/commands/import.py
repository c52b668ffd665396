"""cinecat import PATH…: read files from other cataloguers into a collection."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cinecat.catalog.models import Collection
from cinecat.catalog.services import get_or_create_default_collection
from cinecat.interchange import registry
from cinecat.interchange.formats.base import FormatError
from cinecat.interchange.services import import_files


class Command(BaseCommand):
    help = "Import files into a collection; the format is recognised from the content."

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--collection", help="slug of the collection to import into (default: the first)"
        )
        parser.add_argument(
            "--format", choices=sorted(registry.FORMATS), help="skip detection, read as this"
        )

    def handle(self, *args, paths: list[Path], collection: str | None, **options) -> None:
        target = self._collection(collection)
        try:
            report = import_files(paths, target, options["format"])
        except FormatError as exc:
            raise CommandError(f"{exc}. Nothing was imported.") from exc
        for item in report.items:
            edition = item.copy.edition
            title = edition.edition_works.first().work.title
            self.stdout.write(
                f"{item.action} #{item.copy.index} {title} [{edition.format}] ({item.where})"
            )
            for note in item.notes:
                self.stdout.write(f"  note: {note}")
        if report.unmapped:
            self.stdout.write(
                "fields with no place in cinecat: " + ", ".join(sorted(report.unmapped))
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.count('created')} created, {report.count('updated')} updated "
                f"in {target.name}"
            )
        )

    def _collection(self, slug: str | None) -> Collection:
        if slug is None:
            return get_or_create_default_collection()
        try:
            return Collection.objects.get(slug=slug)
        except Collection.DoesNotExist:
            raise CommandError(f"There is no collection {slug!r}.") from None
