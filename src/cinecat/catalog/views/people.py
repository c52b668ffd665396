"""A person's page: their works in this collection, with the roles they had."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .. import selectors
from ..models import Credit, Person


def person_detail(request: HttpRequest, collection: str, person: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    found = get_object_or_404(Person, pk=person)
    credits = (
        Credit.objects.filter(
            person=found, work__edition_links__edition__copies__collection=current
        )
        .select_related("work")
        .order_by("work__year", "work__title_order", "work__sort_title", "role", "order")
        .distinct()
    )
    copies = (
        current.copies.filter(edition__edition_works__work__credits__person=found)
        .select_related("edition")
        .order_by("index")
        .distinct()
    )
    by_work: dict[int, list] = {}
    for copy in selectors.copy_rows(current.copies.filter(pk__in=copies.values("pk")), ("index",)):
        by_work.setdefault(copy.first_work.pk, []).append(copy)
    context = {"collection": current, "person": found, "credits": credits, "copies": by_work}
    return render(request, "catalog/person_detail.html", context)
