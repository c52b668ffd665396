"""Background work of the catalog app, run by the worker (`cinecat db_worker`)."""

from django_tasks import task

from .services import purge_trash


@task()
def purge_expired_trash() -> int:
    """Delete for good the copies past their time in the trash; how many went."""
    return purge_trash()
