"""cinecat uploads: the files web imports keep, and discarding them."""

from django.core.management.base import BaseCommand, CommandError

from cinecat.interchange.models import ImportJob
from cinecat.interchange.services import UploadInUse, discard_upload
from cinecat.interchange.settling import clean_abandoned_uploads


class Command(BaseCommand):
    help = (
        "List the uploaded files web imports keep (a failed import keeps its file until it is "
        "discarded), discard one, or remove those left at the mapping step too long."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--discard", type=int, metavar="JOB", help="remove this job's file")
        parser.add_argument(
            "--clean",
            action="store_true",
            help="remove the files left at the mapping step past CINECAT_UPLOAD_HOURS now",
        )

    def handle(self, *args, discard: int | None, clean: bool, **options) -> None:
        if discard is not None:
            job = ImportJob.objects.filter(pk=discard).first()
            if job is None:
                raise CommandError(f"there is no import {discard}")
            try:
                discard_upload(job)
            except UploadInUse as exc:
                raise CommandError(f"{exc}: its file cannot be discarded now") from exc
            self.stdout.write(f"Discarded the file of import {job.pk} ({job.source_name}).")
            return
        if clean:
            clean_abandoned_uploads()
        kept = ImportJob.objects.exclude(upload="").order_by("created_at")
        for job in kept:
            self.stdout.write(
                f"{job.pk}\t{job.get_status_display()}\t{job.collection.slug}\t{job.source_name}"
            )
        if not kept:
            self.stdout.write("No uploaded file is kept.")
