"""cinecat backup: every collection and every media file in one ZIP."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cinecat.interchange.backup import write_backup


class Command(BaseCommand):
    help = "Back up the whole catalog (cinecat.json) and the media files (covers) as a ZIP."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            help="the ZIP to write (default: cinecat-backup-<date>-<time>.zip here)",
        )

    def handle(self, *args, output: Path | None, **options) -> None:
        default = Path(f"cinecat-backup-{timezone.now():%Y%m%d-%H%M%S}.zip")
        target = output or default
        if target.is_dir():
            raise CommandError(
                f"{target} is a folder: --output names the ZIP to write, such as {target / default}"
            )
        if not target.parent.is_dir():
            raise CommandError(f"{target}: cannot be written: there is no folder {target.parent}")
        # Written beside the target and renamed when complete: never half a backup under its name.
        partial = target.with_name(target.name + ".part")
        try:
            with partial.open("wb") as stream:
                summary = write_backup(stream)
            partial.replace(target)
        except OSError as exc:
            raise CommandError(f"{target}: cannot be written: {_reason(exc, partial)}") from exc
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(self.style.SUCCESS(f"Backed up {summary.counted} to {target}"))


def _reason(error: OSError, partial: Path) -> str:
    """The system's words, and the file they are about unless it is the backup itself."""
    reason = error.strerror or str(error)
    if error.filename is not None and os.fspath(error.filename) != os.fspath(partial):
        reason += f" ({os.fspath(error.filename)})"
    return reason
