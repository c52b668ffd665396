"""Share links: read-only views of a collection for anyone given the link, until revoked."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from cinecat.catalog.models import Collection

from .models import ShareLink
from .services import AccountError

SHARE_PREFIX = "/s/"


def full_url(link: ShareLink) -> str:
    """The address to give away: the site's address (CINECAT_SITE_URL) and the link's path."""
    return settings.CINECAT_SITE_URL.rstrip("/") + link.get_absolute_url()


@transaction.atomic
def create_share(
    collection: Collection,
    *,
    label: str = "",
    days: int | None = None,
    by: AbstractBaseUser | None = None,
) -> ShareLink:
    """A new link to ``collection``; with ``days``, it stops opening after that many days."""
    if days is not None and days < 1:
        raise AccountError(f"days {days}: a link lasts at least one day.")
    label = label.strip()
    if len(label) > 200:
        raise AccountError("label: at most 200 characters.")
    expires = timezone.now() + dt.timedelta(days=days) if days else None
    creator = by if by is not None and by.is_authenticated else None
    return ShareLink.objects.create(
        collection=collection, label=label, expires_at=expires, created_by=creator
    )


def token_of(token_or_url: str) -> str:
    """The token of a link, given the token itself or the whole address."""
    text = token_or_url.strip()
    path = urlsplit(text).path if "/" in text else text
    if path.startswith(SHARE_PREFIX):
        path = path[len(SHARE_PREFIX) :]
    return path.strip("/").split("/")[0]


@transaction.atomic
def revoke_share(token_or_url: str, collection: Collection | None = None) -> ShareLink:
    """Delete a link: it answers 404 from now on. With ``collection``, only one of its links."""
    token = token_of(token_or_url)
    found = ShareLink.objects.select_related("collection").filter(token=token)
    if collection is not None:
        found = found.filter(collection=collection)
    link = found.first()
    if link is None:
        raise AccountError(f"share link {token_or_url!r}: no such link (revoked already?).")
    link.delete()
    return link


def open_link(token: str) -> ShareLink | None:
    """The link of ``token`` if it still opens, else None."""
    link = ShareLink.objects.select_related("collection").filter(token=token).first()
    if link is None or not link.is_open(timezone.now()):
        return None
    return link
