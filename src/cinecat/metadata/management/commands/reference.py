"""cinecat reference import-imdb DIR | status: the local reference store of IMDb's datasets."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)

from cinecat.metadata.imdb_files import FILES, KINDS
from cinecat.metadata.imdb_load import FileReport, LoadError, load_dataset
from cinecat.metadata.models import ImdbLoad


class Command(BaseCommand):
    help = "Load IMDb's downloaded datasets into the reference store, or show what it holds."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        load = actions.add_parser(
            "import-imdb",
            help="load the .tsv.gz files of DIR (from https://datasets.imdbws.com/)",
            description=(
                "Load title.basics, title.akas, title.ratings, title.episode, title.crew, "
                "title.principals and name.basics from DIR. Kept: titles of the kinds "
                f"{', '.join(sorted(KINDS))}, and what refers to them. Restartable: a file "
                "already loaded is skipped, one half loaded goes on where it stopped."
            ),
        )
        load.add_argument("directory", type=Path, metavar="DIR")
        load.add_argument(
            "--reload", action="store_true", help="load every file again from its first line"
        )
        actions.add_parser("status", help="what the reference store holds, file by file")

    def handle(self, *args, action: str, **options) -> None:
        if action == "status":
            self._status()
            return
        directory: Path = options["directory"]
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder of IMDb's dataset files.")
        with _Bar(self.stderr) as bar:
            try:
                for report in load_dataset(
                    directory, reload=options["reload"], progress=bar, warn=bar.warn
                ):
                    self.stdout.write(_summary(report))
            except LoadError as exc:
                raise CommandError(str(exc)) from exc
            except KeyboardInterrupt:
                raise CommandError(
                    "interrupted; what was loaded is kept, run the command again to go on.",
                    returncode=130,
                ) from None
        self.stdout.write(self.style.SUCCESS("The IMDb reference store is ready."))

    def _status(self) -> None:
        states = {state.file: state for state in ImdbLoad.objects.all()}
        for spec in FILES:
            state = states.get(spec.name)
            if state is None:
                line = "not loaded"
            elif state.complete:
                line = f"complete: {state.rows:,} rows, {state.finished_at:%Y-%m-%d %H:%M}"
            else:
                line = f"half loaded: {state.lines_done:,} lines read, {state.rows:,} rows"
            self.stdout.write(f"{spec.name}: {line}")


def _summary(report: FileReport) -> str:
    if report.path is None or report.note == "complete already":
        return f"{report.name}: {report.note}"
    rate = f", {report.lines / report.seconds:,.0f} lines/s" if report.seconds else ""
    malformed = (
        f", {_count(report.malformed, 'malformed line')} skipped" if report.malformed else ""
    )
    note = f" ({report.note})" if report.note else ""
    return (
        f"{report.name}: {_count(report.lines, 'line')} read, {_count(report.rows, 'row')} kept"
        f"{malformed} in {report.seconds:.1f} s{rate}{note}"
    )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


class _Bar:
    """A rich progress bar per file by bytes read; problems printed above it."""

    def __init__(self, stream) -> None:
        self.console = Console(file=stream, stderr=stream is sys.stderr)
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=self.console,
            disable=not self.console.is_terminal,
        )
        self.tasks: dict[str, int] = {}
        self.stream = stream

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def __call__(self, spec, path: Path, done: int, total: int) -> None:
        if spec.name not in self.tasks:
            self.tasks[spec.name] = self.progress.add_task(path.name, total=total)
        self.progress.update(self.tasks[spec.name], completed=done)

    def warn(self, message: str) -> None:
        if self.progress.disable:
            self.stream.write(message)
        else:
            self.progress.console.print(message, markup=False, highlight=False)
