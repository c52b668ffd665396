"""Background work of the metadata app, run by the worker (`cinecat db_worker`)."""

from django_tasks import task

from .filling import run_fill


@task()
def fill_films(job_id: int) -> None:
    """Fill the films of a list's selection that lack cast or plots."""
    run_fill(job_id)
