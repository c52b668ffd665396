"""A person's page: their works in this collection, with the roles they had."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .. import selectors
from ..models import Person


def person_detail(request: HttpRequest, collection: str, person: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    found = get_object_or_404(Person, pk=person)
    credits, copies = selectors.person_in(current, found)
    context = {"collection": current, "person": found, "credits": credits, "copies": copies}
    return render(request, "catalog/person_detail.html", context)
