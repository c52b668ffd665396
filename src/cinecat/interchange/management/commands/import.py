"""cinecat import PATH…: read files from other cataloguers into a collection."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

from cinecat.catalog.models import Collection
from cinecat.catalog.services import get_or_create_default_collection
from cinecat.interchange import registry
from cinecat.interchange.formats import census, parse
from cinecat.interchange.formats.base import FileFormat, FormatError
from cinecat.interchange.models import ImportJob, OnDuplicate
from cinecat.interchange.services import import_files
from cinecat.interchange.undo import UndoRefused, undo_import
from cinecat.interchange.writer import ImportFailed
from cinecat.search.queries import warm_facets


class Command(BaseCommand):
    help = "Import files into a collection; the format is recognised from the content."

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
        parser.add_argument(
            "--undo",
            type=int,
            metavar="JOB",
            help="take back the import numbered JOB (its page's number) instead of importing",
        )
        parser.add_argument(
            "--collection", help="slug of the collection to import into (default: the first)"
        )
        parser.add_argument(
            "--format",
            choices=sorted(fmt.key for fmt in registry.readable()),
            help="skip detection, read as this",
        )
        parser.add_argument(
            "--on-duplicate",
            choices=[choice.value for choice in OnDuplicate],
            default=OnDuplicate.UPDATE,
            help="what to do with an entry already in the collection (default: update)",
        )
        parser.add_argument(
            "--keep-going",
            action="store_true",
            help="import the valid entries when some fail (default: import nothing then)",
        )
        parser.add_argument(
            "--add-unmatched",
            action="store_true",
            help="Letterboxd: add the films of the diary that the collection does not hold, "
            "as watched, not owned (default: list them in the report and skip them)",
        )
        parser.add_argument(
            "--report",
            action="store_true",
            help="after the import, print each file's census: per source field, how many "
            "values and where they landed, and the share that landed in a field of its own",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help="read CSV column COLUMN as FIELD, over the guess from its name; repeatable, "
            "implies --format csv",
        )

    def handle(self, *args, paths: list[Path], collection: str | None, **options) -> None:
        if options["undo"] is not None:
            if paths:
                raise CommandError("--undo takes no PATH: it takes an import back")
            self._undo(options["undo"])
            return
        if not paths:
            raise CommandError("give the PATH of at least one file to import (or --undo JOB)")
        target = self._collection(collection)
        mapper = _mapper()
        column_map = _column_map(options["map"], mapper)
        format_key = options["format"]
        if column_map and format_key and not _maps_columns(format_key):
            raise CommandError(
                f"--map is for CSV files; leave out --format or give --format {mapper.key}"
            )
        if column_map:
            format_key = format_key or mapper.key
        with _progress_bar(self.stderr) as bar:
            try:
                jobs = import_files(
                    paths,
                    target,
                    format_key,
                    on_duplicate=options["on_duplicate"],
                    keep_going=options["keep_going"],
                    progress=bar,
                    column_map=column_map,
                    add_unmatched=options["add_unmatched"],
                )
            except (FormatError, ImportFailed) as exc:
                raise CommandError(f"{exc}. Nothing was imported.") from exc
            except KeyboardInterrupt:  # Ctrl-C: the transaction was rolled back on the way out
                raise CommandError("interrupted. Nothing was imported.", returncode=130) from None
        warm_facets(target)  # the collection page's counts, ready before anyone opens it
        for job in jobs:
            self._report(job)
        if options["report"]:
            self._census(paths, jobs)
        counted = ("created", "updated", "same", "skipped")
        totals = {k: sum(getattr(j, k) for j in jobs) for k in counted}
        failed = sum(job.failed for job in jobs)
        trashed = sum(job.trashed for job in jobs)
        self.stdout.write(
            self.style.SUCCESS(
                f"{totals['created']} created"
                + (f" ({trashed} of them in the trash, as in the file)" if trashed else "")
                + f", {totals['updated']} updated, "
                + (f"{totals['same']} already as in the file, " if totals["same"] else "")
                + f"{totals['skipped']} skipped"
                + (f", {failed} failed" if failed else "")
                + f" in {target.name}"
            )
        )

    def _report(self, job: ImportJob) -> None:
        for item in job.items.select_related("copy__edition"):
            number = f"#{item.copy.index} " if item.copy else ""
            fmt = f" [{item.copy.edition.format}]" if item.copy else ""
            self.stdout.write(f"{item.action} {number}{item.title}{fmt} ({item.where})")
            if item.message:
                self.stdout.write(
                    f"  {'why' if item.action == 'failed' else 'note'}: {item.message}"
                )
        if job.kept:
            self.stdout.write(f"{job.source_name}: kept as other details: {', '.join(job.kept)}")
        if job.unmapped:
            self.stdout.write(
                f"{job.source_name}: fields with no place in cinecat: {', '.join(job.unmapped)}"
            )

    def _census(self, paths: list[Path], jobs: list[ImportJob]) -> None:
        """Each file read again, counting where its values landed (``formats/census.py``)."""
        for path, job in zip(paths, jobs, strict=True):
            fmt = registry.get(job.format_key)
            if not fmt.counts:
                self.stdout.write(f"{job.source_name}: the {fmt.label} reader gives no census")
                continue
            with path.open("rb") as stream:
                found = census.count(
                    _keeping_odd_values(fmt), stream, f"{job.source_name} ({fmt.label})"
                )
            for line in found.lines():
                self.stdout.write(line)

    def _undo(self, number: int) -> None:
        job = ImportJob.objects.filter(pk=number).first()
        if job is None:
            raise CommandError(f"--undo {number}: there is no import numbered {number}")
        try:
            done = undo_import(job)
        except UndoRefused as exc:
            raise CommandError(f"--undo {number}: {exc}. Nothing was changed.") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Import {number} of {job.source_name} undone: {done.removed} copies it made "
                f"removed, {done.restored} copies it updated given back what they had."
            )
        )

    def _collection(self, slug: str | None) -> Collection:
        if slug is None:
            return get_or_create_default_collection()
        try:
            return Collection.objects.get(slug=slug)
        except Collection.DoesNotExist:
            raise CommandError(f"There is no collection {slug!r}.") from None


def _mapper() -> FileFormat:
    """The format that reads columns under a map: the one ``--map`` implies."""
    return next(fmt for fmt in registry.readable() if fmt.maps_columns)


def _maps_columns(format_key: str) -> bool:
    try:
        return registry.get(format_key).maps_columns
    except FormatError:  # an unknown key maps no columns either
        return False


def _column_map(pairs: list[str], mapper: FileFormat) -> dict[str, str]:
    """``--map`` options, "COLUMN=FIELD", as a column map; refuses a field cinecat lacks."""
    column_map = {}
    known = mapper.mapping.fields
    fields = ", ".join(known)
    for pair in pairs:
        column, _, field = pair.rpartition("=")
        if not column.strip() or field.strip() not in known:
            raise CommandError(f"--map {pair!r}: give COLUMN=FIELD, FIELD one of: {fields}")
        column_map[column.strip()] = field.strip()
    return column_map


class _progress_bar:
    """A rich progress bar by bytes read, with entries, rate and ETA; silent when not a TTY."""

    def __init__(self, stream) -> None:
        self.console = Console(file=stream, stderr=stream is sys.stderr)
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[entries]} entries · {task.fields[rate]}/s"),
            TimeRemainingColumn(),
            console=self.console,
            disable=not self.console.is_terminal,
        )
        self.tasks: dict[int, int] = {}

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def __call__(self, job: ImportJob) -> None:
        if job.pk not in self.tasks:
            self.tasks[job.pk] = self.progress.add_task(
                job.source_name, total=job.total_bytes, entries=0, rate="–"
            )
        task = self.tasks[job.pk]
        elapsed = self.progress.tasks[task].elapsed or 0
        rate = f"{job.processed / elapsed:,.0f}" if elapsed else "–"
        self.progress.update(task, completed=job.read_bytes, entries=job.processed, rate=rate)


def _keeping_odd_values(fmt: FileFormat):
    """The format's reader as an import reads: an odd value kept on its record, flagged."""

    def read(stream, **options):
        return parse.keeping_odd_values(fmt.read(stream, **options))

    return read
