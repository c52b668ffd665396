"""Background work of the search app, run by the worker (`cinecat db_worker`)."""

import logging

from django.core.cache import cache
from django_tasks import task

from . import vectors
from .embedding import EmbeddingUnavailable

logger = logging.getLogger(__name__)

RUNNING = "cinecat:embedding-running"


@task()
def embed_pending_works() -> int:
    """Embed the works waiting for their vectors (after an import); how many were."""
    cache.delete(vectors.QUEUED)  # works noted from now on ask for another run
    if not cache.add(RUNNING, True, timeout=3600):
        return 0  # another worker is at it; it takes what waits, batch after batch
    try:
        return vectors.embed_pending()
    except EmbeddingUnavailable:
        return 0  # logged once, where the model failed to load
    finally:
        cache.delete(RUNNING)
