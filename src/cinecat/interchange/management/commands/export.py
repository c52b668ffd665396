"""cinecat export: a collection's copies as cinecat JSON (everything) or CSV (chosen columns)."""

import codecs
import io
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from cinecat.catalog.models import Collection
from cinecat.interchange import registry
from cinecat.interchange.episodes_export import PARTS as EPISODE_PARTS
from cinecat.interchange.episodes_export import write_episodes
from cinecat.interchange.export import ExportError, export_collection, records_of
from cinecat.interchange.formats.base import FileFormat


class Command(BaseCommand):
    help = "Export a collection, by index: cinecat-json keeps every field, csv the columns picked."

    def add_arguments(self, parser) -> None:
        writers = registry.writable()
        parser.add_argument(
            "--format", choices=sorted(fmt.key for fmt in writers), default="cinecat-json"
        )
        parser.add_argument("--collection", help="slug of the collection (default: the first)")
        parser.add_argument("--columns", help=_columns_help(writers))
        parser.add_argument(
            "--episodes",
            action="store_true",
            help="one CSV row per episode of the season boxes (disc, season, number, title, seen)",
        )
        parser.add_argument(
            "-o", "--output", default="-", help="file to write, or - for standard output"
        )

    def handle(self, *args, output: str, **options) -> None:
        collection = _collection(options["collection"])
        if options["episodes"]:
            self._episodes(collection, output, options)
            return
        columns = options["columns"]
        picked = [name.strip() for name in columns.split(",") if name.strip()] if columns else None
        try:
            if output == "-":
                export_collection(
                    collection, options["format"], _Stdout(self.stdout), columns=picked
                )
                return
            try:
                stream = Path(output).open("wb")  # noqa: SIM115 (closed below)
            except OSError as exc:
                raise CommandError(
                    f"Cannot write {output}: {exc.strerror}. Nothing was exported."
                ) from exc
            with stream:
                export_collection(collection, options["format"], stream, columns=picked)
        except ExportError as exc:
            if output != "-":
                Path(output).unlink(missing_ok=True)
            raise CommandError(f"{exc}. Nothing was exported.") from exc
        count = collection.copies.count()
        self.stderr.write(f"{count} copies of {collection.name} written to {output}")

    def _episodes(self, collection: Collection, output: str, options: dict) -> None:
        if options["columns"] or options["format"] != "cinecat-json":
            raise CommandError("--episodes writes its own CSV: it takes no --format or --columns.")
        records = records_of(collection.copies.order_by("index"), parts=EPISODE_PARTS)
        if output == "-":
            count = write_episodes(records, _Stdout(self.stdout))
        else:
            try:
                with Path(output).open("wb") as stream:
                    count = write_episodes(records, stream)
            except OSError as exc:
                raise CommandError(
                    f"Cannot write {output}: {exc.strerror}. Nothing was exported."
                ) from exc
        self.stderr.write(f"{count} episodes of {collection.name} written to {output}")


def _columns_help(writers: list[FileFormat]) -> str:
    """What --columns takes, for each format whose writer writes the columns picked."""
    return "; ".join(
        f"{fmt.key} only: comma-separated columns, in order "
        f"(default: {','.join(fmt.default_columns)}; all: {','.join(fmt.columns)})"
        for fmt in writers
        if fmt.picks_columns
    )


def _collection(slug: str | None) -> Collection:
    if slug is None:
        collection = Collection.objects.order_by("pk").first()
        if collection is None:
            raise CommandError("There is no collection to export yet.")
        return collection
    try:
        return Collection.objects.get(slug=slug)
    except Collection.DoesNotExist:
        raise CommandError(f"There is no collection {slug!r}.") from None


class _Stdout(io.RawIOBase):
    """The bytes a format writes, passed on as text to the command's standard output."""

    def __init__(self, out: OutputWrapper) -> None:
        self._out = out
        self._decode = codecs.getincrementaldecoder("utf-8")().decode

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._out.write(self._decode(bytes(data)), ending="")
        return len(data)
