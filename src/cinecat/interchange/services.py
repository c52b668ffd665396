"""Importing files into a collection."""

from pathlib import Path

from django.db import transaction

from cinecat.catalog.models import Collection

from . import registry
from .formats.base import FormatError
from .writer import ImportReport, apply_records


def import_files(
    paths: list[Path], collection: Collection, format_key: str | None = None
) -> ImportReport:
    """Import every file into ``collection`` in one transaction: a bad file writes nothing.

    Raises FormatError naming the file, and the line or element, of the first problem.
    """
    report = ImportReport()
    with transaction.atomic():
        for path in paths:
            try:
                file_report = _import_file(path, collection, format_key)
            except FormatError as exc:
                raise FormatError(f"{path.name}: {exc}") from exc
            report.items.extend(file_report.items)
            report.unmapped.update(file_report.unmapped)
    return report


def _import_file(path: Path, collection: Collection, format_key: str | None) -> ImportReport:
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise FormatError(f"cannot be read: {exc.strerror}") from exc
    with stream:
        module = (
            registry.get(format_key)
            if format_key
            else registry.detect(stream.read(registry.HEAD_SIZE))
        )
        stream.seek(0)
        return apply_records(module.read(stream), collection)
