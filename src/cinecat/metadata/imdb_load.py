"""Loading IMDb's dataset files into the reference store: streamed, restartable, line by line.

Each file is read as a stream (constant memory) and written BATCH_LINES lines at a time, each
batch in its own transaction together with how far the file got (``ImdbLoad``). A run stopped
anywhere goes on from the last batch written; a file already complete is skipped unless it
changed (another size or date: a new download), which loads it again from its first line.
A line that is not in the file's format is reported with its number and skipped.
"""

import gzip
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from . import imdb_store
from .imdb_files import FILES, DatasetFile, IdSet, Known, Malformed
from .models import ImdbCrew, ImdbLoad, ImdbPrincipal, ImdbTitle

BATCH_LINES = 20_000
SHOWN_PROBLEMS = 20  # malformed lines reported one by one per file; the rest are counted


class LoadError(Exception):
    """A file that cannot be loaded at all (not IMDb's, cut short); the message names it."""


@dataclass
class FileReport:
    name: str
    path: Path | None = None
    lines: int = 0  # read in this run
    rows: int = 0  # written in this run
    malformed: int = 0
    seconds: float = 0.0
    note: str = ""  # "complete already", "not in the folder", "resumed at line 40,001"


Progress = Callable[[DatasetFile, Path, int, int], None]  # file, path, bytes read, bytes in all


def dataset_path(directory: Path, name: str) -> Path | None:
    """The folder's file for ``name``: ``name.tsv.gz`` as IMDb serves it, or unpacked."""
    for candidate in (directory / f"{name}.tsv.gz", directory / f"{name}.tsv"):
        if candidate.is_file():
            return candidate
    return None


def load_dataset(
    directory: Path,
    *,
    reload: bool = False,
    progress: Progress | None = None,
    warn: Callable[[str], None] = print,
) -> Iterator[FileReport]:
    """Load each dataset file of ``directory`` in turn, reporting each once it is done."""
    if dataset_path(directory, "title.basics") is None and not _complete("title.basics"):
        raise LoadError(
            f"{directory} has no title.basics.tsv.gz: every other file is read against the "
            "titles it keeps, so it is needed first."
        )
    known = Known()
    for spec in FILES:
        path = dataset_path(directory, spec.name)
        if path is None:
            yield FileReport(spec.name, note="not in the folder")
            continue
        yield load_file(spec, path, known, reload=reload, progress=progress, warn=warn)
    imdb_store.analyze()


def load_file(
    spec: DatasetFile,
    path: Path,
    known: Known,
    *,
    reload: bool = False,
    progress: Progress | None = None,
    warn: Callable[[str], None] = print,
) -> FileReport:
    """Load one file, resuming or starting over as its ``ImdbLoad`` row says."""
    started = timezone.now()
    state, note = _state(spec, path, reload)
    report = FileReport(spec.name, path, note=note)
    if state.complete:
        return report
    _prepare(spec, known, resuming=state.lines_done > 0)
    reading = _Reading(spec, path, state, report, warn)
    for batch in reading.batches(known, progress):
        report.rows += imdb_store.write(spec, state, batch, reading.line, reading.batch_malformed)
        reading.batch_malformed = 0
    finished = timezone.now()
    ImdbLoad.objects.filter(pk=state.pk).update(complete=True, finished_at=finished)
    report.seconds = (finished - started).total_seconds()
    if report.malformed > SHOWN_PROBLEMS:
        warn(f"{path.name}: {report.malformed - SHOWN_PROBLEMS:,} more malformed lines skipped")
    return report


def _state(spec: DatasetFile, path: Path, reload: bool) -> tuple[ImdbLoad, str]:
    stat = path.stat()
    state = ImdbLoad.objects.filter(file=spec.name).first()
    same = state is not None and state.size == stat.st_size and state.modified == stat.st_mtime
    if same and not reload and state.complete:
        return state, "complete already"
    if same and not reload and state.lines_done:
        return state, f"resumed after line {state.lines_done:,}"
    if state is None or (same and not state.lines_done):
        note = ""
    else:
        note = "loaded again" + (" (--reload)" if reload else ": the file changed")
    with transaction.atomic():
        imdb_store.empty(spec)
        state, _ = ImdbLoad.objects.update_or_create(
            file=spec.name,
            defaults={
                "size": stat.st_size,
                "modified": stat.st_mtime,
                "lines_done": 0,
                "rows": 0,
                "malformed": 0,
                "complete": False,
                "started_at": timezone.now(),
                "finished_at": None,
            },
        )
    return state, note


def _prepare(spec: DatasetFile, known: Known, *, resuming: bool) -> None:
    """Give ``known`` the bitmaps the file is read against, from the store where needed."""
    if spec.name == "title.basics":
        known.titles = _ids(ImdbTitle, "id") if resuming else IdSet()
    if "titles" in spec.uses and known.titles is None:
        known.titles = _ids(ImdbTitle, "id")
    if "people" in spec.uses and known.people is None:
        known.people = _ids(ImdbPrincipal, "person_id")
        for row in ImdbCrew.objects.values_list("directors", "writers").iterator(10_000):
            for person in ",".join(row).split(","):
                if person:
                    known.people.add(int(person))


def _ids(model: type, column: str) -> IdSet:
    return IdSet(model.objects.values_list(column, flat=True).iterator(chunk_size=50_000))


class _Reading:
    """A file read line by line into batches of rows, problems reported as they come."""

    def __init__(self, spec, path: Path, state: ImdbLoad, report: FileReport, warn) -> None:
        self.spec, self.path, self.report, self.warn = spec, path, report, warn
        self.done = state.lines_done  # lines already written: the header counts as line 1
        self.line = 0
        self.batch_malformed = 0

    def batches(self, known: Known, progress: Progress | None) -> Iterator[list[tuple]]:
        columns, parse = len(self.spec.header), self.spec.parse
        total = self.path.stat().st_size
        with self.path.open("rb") as raw:
            batch: list[tuple] = []
            for number, data in enumerate(_lines(raw, self.path), 1):
                self.line = number
                if self.line == 1:
                    self._check_header(data)
                if self.line <= max(1, self.done):
                    continue
                row = self._row(data, columns, parse, known)
                if row is not None:
                    batch.append(row)
                if self.line % BATCH_LINES == 0:
                    yield batch
                    batch = []
                    if progress:
                        progress(self.spec, self.path, raw.tell(), total)
            yield batch
            if progress:
                progress(self.spec, self.path, total, total)

    def _row(self, data: bytes, columns: int, parse, known: Known) -> tuple | None:
        self.report.lines += 1
        try:
            fields = data.rstrip(b"\r\n").decode("utf-8").split("\t")
            if len(fields) != columns:
                raise Malformed(f"{len(fields)} columns, not {columns}")
            return parse(fields, known)
        except UnicodeDecodeError:
            self._malformed("not UTF-8 text")
        except Malformed as exc:
            self._malformed(str(exc))
        return None

    def _malformed(self, reason: str) -> None:
        self.report.malformed += 1
        self.batch_malformed += 1
        if self.report.malformed <= SHOWN_PROBLEMS:
            self.warn(f"{self.path.name} line {self.line:,}: {reason}; skipped")

    def _check_header(self, data: bytes) -> None:
        header = data.rstrip(b"\r\n").decode("utf-8", "replace").split("\t")
        if tuple(header) != self.spec.header:
            raise LoadError(
                f"{self.path.name} is not IMDb's {self.spec.name}: its first line should be "
                f"the columns {', '.join(self.spec.header)}."
            )


def _lines(raw, path: Path) -> Iterator[bytes]:
    stream = gzip.GzipFile(fileobj=raw) if path.name.endswith(".gz") else raw
    try:
        yield from stream
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise LoadError(
            f"{path.name} is damaged or cut short ({exc}): download it again. The lines read "
            "so far are kept; the new file is loaded from its start."
        ) from None


def _complete(name: str) -> bool:
    return ImdbLoad.objects.filter(file=name, complete=True).exists()
