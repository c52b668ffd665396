"""Background work of the interchange app, run by `cinecat db_worker` (started by serve)."""

from django_tasks import task

from .services import run_stored_job


@task()
def run_import(job_id: int) -> None:
    """Run an import uploaded through the web."""
    run_stored_job(job_id)
