"""A fingerprint of the facts a copy shares with other copies: its edition and a film on it.

A copy's own values carry a version number. Its edition (with the list of its films) and each
film belong to every copy of them, and a film to every edition holding it, so an edit made
through another copy changes them without touching this copy's version. The edit page carries
the fingerprint of what it showed; a save whose fingerprint no longer matches what is stored
is a conflict, as a save of a copy changed meanwhile is.
"""

import hashlib

from django.db import models

from .models import Credit, Edition, EditionWork, Plot, Work


def shared_facts(edition: Edition, work: Work | None) -> str:
    """The fingerprint of ``edition``, its list of films and ``work`` (with its genres,
    countries, languages, credits and plots), as stored now."""
    parts: list[list[tuple]] = [
        list(Edition.objects.filter(pk=edition.pk).values_list(*_facts(Edition))),
        list(
            EditionWork.objects.filter(edition=edition)
            .values_list("work", "order")
            .order_by("order", "pk")
        ),
    ]
    if work is not None and work.pk is not None:
        parts.append(list(Work.objects.filter(pk=work.pk).values_list(*_facts(Work))))
        for name in ("genres", "countries", "languages"):
            parts.append(list(getattr(work, name).order_by("pk").values_list("pk")))
        credits = Credit.objects.filter(work=work).order_by("pk")
        parts.append(list(credits.values_list("person", "role", "character", "job", "order")))
        plots = Plot.objects.filter(work=work).order_by("pk")
        parts.append(list(plots.values_list("kind", "text", "author", "order")))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _facts(model: type[models.Model]) -> list[str]:
    """The model's columns but its times of writing, which every save moves."""
    return [
        field.attname
        for field in model._meta.concrete_fields
        if not (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
    ]
