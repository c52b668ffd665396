"""cinecat fill: the films of a collection that lack cast or plots, filled from the providers."""

import sys

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cinecat.catalog.models import Collection
from cinecat.catalog.services import get_or_create_default_collection
from cinecat.core.ids import numbers
from cinecat.metadata import filling, registry, updating


class Command(BaseCommand):
    help = (
        "Fill the films that lack cast or plots from the metadata providers: every field they "
        "have empty, never one they have; prints what was done to the copies not filled."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--collection", metavar="SLUG", help="default: the first collection")
        parser.add_argument(
            "--copies", metavar="N,N…", help="only the copies of these numbers (default: all)"
        )

    def handle(self, *args, **options) -> None:
        if not updating.update_providers():
            hints = " ".join(
                f"{registry.provider_class(k).name}: {registry.provider_class(k).setup}"
                for k in updating.PREFERRED
            )
            raise CommandError(f"No metadata provider is configured. {hints}")
        collection = _collection(options["collection"])
        copies = collection.copies.all()
        if options["copies"]:
            wanted = numbers(part.strip() for part in options["copies"].split(","))
            if not wanted:
                raise CommandError(f"--copies {options['copies']}: no copy numbers in it.")
            copies = copies.filter(index__in=wanted)
        job = filling.new_fill(collection, filling.lacking(copies))
        if not job.copies:
            self.stdout.write("No film lacks its cast or plots: nothing to fill.")
            return
        job = self._run(job)
        for index, title, words in job.notes:
            if not words.startswith("filled "):
                self.stdout.write(f"#{index} {title}: {words}")
        self.stdout.write(
            f"{job.processed} of {job.total} looked up: {job.filled} filled, "
            f"{job.complete} with nothing to fill, {job.unmatched} not found for sure, "
            f"{job.failed} failed."
        )
        if job.error:
            raise CommandError(job.error)

    def _run(self, job):
        console = Console(file=sys.stderr, stderr=True)
        columns = (TextColumn("Filling"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
            bar = progress.add_task("fill", total=job.total)

            def advance(done) -> None:
                progress.update(bar, completed=done.processed)

            return filling.run_fill(job.pk, advance)


def _collection(slug: str | None) -> Collection:
    if slug is None:
        return get_or_create_default_collection()
    try:
        return Collection.objects.get(slug=slug)
    except Collection.DoesNotExist:
        raise CommandError(f"--collection {slug}: there is no collection {slug!r}.") from None
