"""Providers' answers cached in the database: asked once a day at most, kept six months at most.

An answer younger than ``fresh_for`` (a day) is served without asking again. An older one is
asked for again; if the service cannot be reached or keeps refusing (rate limit, server
error), an answer younger than ``keep_for`` is served meanwhile. Nothing older than
``keep_for`` is served: it is deleted as new answers are stored (TMDb's terms let data be kept
no longer than six months). ``refresh=True`` asks again whatever the age; ``forget`` empties
the cache.
"""

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone

from .base import BadResponse, NoNetwork, RateLimited
from .models import CachedResponse

logger = logging.getLogger(__name__)

FRESH = dt.timedelta(days=1)
KEEP = dt.timedelta(days=182)  # six months
REQUEST_LENGTH = 500  # CachedResponse.request's max_length


def cached(
    provider: str,
    request: str,
    fetch: Callable[[], Any],
    *,
    fresh_for: dt.timedelta = FRESH,
    keep_for: dt.timedelta = KEEP,
    refresh: bool = False,
) -> Any:
    """The answer to ``request`` (a JSON value), from the cache or from ``fetch()``.

    ``request`` names what is asked, the same way each time, and never holds a secret.
    """
    key = hashlib.sha256(f"{provider}\n{request}".encode()).hexdigest()
    now = timezone.now()
    row = CachedResponse.objects.filter(key=key).only("body", "fetched_at").first()
    if row is not None and now - row.fetched_at >= keep_for:
        row = None  # too old to serve; deleted when the new answer is stored
    if row is not None and not refresh and now - row.fetched_at < fresh_for:
        return json.loads(row.body)
    try:
        value = fetch()
    except (NoNetwork, RateLimited, BadResponse) as exc:
        if row is None:
            raise
        logger.warning("%s; serving %s's answer of %s", exc, provider, row.fetched_at)
        return json.loads(row.body)
    _store(provider, key, request, value, now, keep_for)
    return value


def forget(provider: str | None = None) -> int:
    """Delete the cached answers (of one provider, or all): each is asked again when needed."""
    rows = CachedResponse.objects.all()
    if provider is not None:
        rows = rows.filter(provider=provider)
    return rows.delete()[0]


def _store(
    provider: str, key: str, request: str, value: Any, now: dt.datetime, keep_for: dt.timedelta
) -> None:
    # A cache that cannot be written (SQLite busy with an import) costs a request next time,
    # never the answer: the savepoint keeps an outer transaction usable on PostgreSQL.
    try:
        with transaction.atomic():
            old = CachedResponse.objects.filter(provider=provider, fetched_at__lte=now - keep_for)
            old.delete()
            CachedResponse.objects.update_or_create(
                key=key,
                defaults={
                    "provider": provider,
                    "request": request[:REQUEST_LENGTH],
                    "body": json.dumps(value, ensure_ascii=False, separators=(",", ":")),
                    "fetched_at": now,
                },
            )
    except DatabaseError:
        logger.warning("could not cache %s's answer to %s", provider, request, exc_info=True)
