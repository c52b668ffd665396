"""cinecat restore FILE.zip: a backup back into an empty catalog."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cinecat.interchange.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by cinecat backup into a catalog that holds no copies yet."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, metavar="FILE.zip")

    def handle(self, *args, path: Path, **options) -> None:
        try:
            stream = path.open("rb")
        except OSError as exc:
            raise CommandError(f"{path}: cannot be read: {exc.strerror}") from exc
        with stream:
            try:
                summary = restore_backup(stream)
            except BackupError as exc:
                raise CommandError(f"{path}: {exc}. Nothing was restored.") from exc
        self.stdout.write(self.style.SUCCESS(f"Restored {summary.counted} from {path}"))
