"""Suggestions while typing a pick-list value: genres, tags, locations, people …

A text input gets a <datalist> that htmx refills as the user types. For comma-separated inputs
the last term is completed and the ones before it are kept, so the browser can offer
"Comedy, Drama" when "Comedy, Dr" has been typed.
"""

import json

from django.urls import reverse

from .models import (
    Collection,
    Company,
    Country,
    Genre,
    Language,
    Location,
    Person,
    StorageDevice,
    Tag,
)

# kind → (model, per collection?, several values in one input?)
KINDS = {
    "genre": (Genre, False, True),
    "country": (Country, False, True),
    "language": (Language, False, True),
    "tag": (Tag, True, True),
    "distributor": (Company, False, False),
    "storage": (StorageDevice, True, False),
    "location": (Location, True, False),
    "person": (Person, False, False),
}
KIND_OF = {model: kind for kind, (model, _, _) in KINDS.items()}


def attach(form, collection: Collection) -> None:
    """Give each pick-list field of ``form`` (those its ``suggested()`` names) a datalist that
    refills as the user types."""
    suggested = getattr(form, "suggested", dict)()
    for name, model in suggested.items():
        kind, field = KIND_OF[model], form.fields[name]
        html_name = form.add_prefix(name)
        field.widget.attrs.update(
            {
                "list": f"suggest-{html_name}",
                "autocomplete": "off",
                "hx-get": reverse(
                    "catalog:suggest", kwargs={"collection": collection.slug, "kind": kind}
                ),
                "hx-trigger": "input changed delay:200ms",
                "hx-target": f"#suggest-{html_name}",
                "hx-swap": "innerHTML",
                "hx-vals": json.dumps({"field": html_name}),
            }
        )


def suggest(collection: Collection, kind: str, typed: str, limit: int = 12) -> list[str]:
    """Complete the last term of ``typed`` with names that exist."""
    model, per_collection, several = KINDS[kind]
    head, _, last = typed.rpartition(",") if several else ("", "", typed)
    last = last.strip()
    if not last:
        return []
    rows = model.objects.filter(name__istartswith=last)
    if per_collection:
        rows = rows.filter(collection=collection)
    names = list(dict.fromkeys(rows.order_by("name").values_list("name", flat=True)[:limit]))
    if model is Location:
        paths = {
            location.path.replace(" › ", " / ")
            for location in Location.objects.filter(collection=collection, name__in=names)
        }
        names = sorted(paths)
    prefix = f"{head.strip()}, " if head.strip() else ""
    return [prefix + name for name in names]
