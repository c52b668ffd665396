"""cinecat backup: every collection and every media file in one ZIP."""

from pathlib import Path

from django.core.management.base import BaseCommand
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
        target = output or Path(f"cinecat-backup-{timezone.now():%Y%m%d-%H%M%S}.zip")
        # Written beside the target and renamed when complete: never half a backup under its name.
        partial = target.with_name(target.name + ".part")
        try:
            with partial.open("wb") as stream:
                summary = write_backup(stream)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(self.style.SUCCESS(f"Backed up {summary.counted} to {target}"))
