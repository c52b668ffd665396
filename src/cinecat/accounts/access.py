"""The one place where a collection's pages check the role of the person opening them.

Every page of a collection has ``<slug:collection>`` in its URL. Before its view runs, the
middleware finds the signed-in person's membership of that collection: none is a 404 (another
household's collection is not there for them), a role too low a 403. Reading is a viewer's;
sending a form, or opening a page that is only a form to change the collection, an editor's;
the members and share links an owner's. A share link's pages (/s/TOKEN/) name no
collection: their token is their key (accounts.shared).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from .models import Membership, Role

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

# Pages that only serve a change, even when merely opened: an editor's.
EDITOR_PAGES = {
    "catalog:copy-add",
    "catalog:copy-add-manual",
    "catalog:copy-add-copy",
    "catalog:copy-edit",
    "catalog:copy-trash",
    "catalog:copy-seen",
    "catalog:episode-seen",
    "catalog:viewing-add",
    "catalog:viewing-edit",
    "catalog:viewing-remove",
    "catalog:suggest",
    "catalog:work-suggestions",
    "catalog:trash",
    "catalog:location-rename",
    "catalog:location-move",
    "catalog:location-merge",
    "catalog:location-delete",
    "catalog:device-edit",
    "catalog:device-delete",
    "catalog:trash-restore",
    "lending:borrower-suggest",
    "lending:lend",
    "lending:return",
    "lending:bought",
    "lending:arrived",
    "lending:ordered",
    "lending:sold",
    "interchange:import-start",
    "interchange:import-detail",
    "interchange:import-map",
    "interchange:import-undo",
    "metadata:candidates",
    "metadata:add-from",
    "metadata:copy-update",
    "metadata:fill",
    "metadata:fill-detail",
    "search:batch-edit",
}

# Pages about who may open the collection: an owner's.
OWNER_PAGES = {
    "accounts:members",
    "accounts:share-links",
}


def required_role(view_name: str, method: str) -> Role:
    if view_name in OWNER_PAGES:
        return Role.OWNER
    if view_name in EDITOR_PAGES or method not in SAFE_METHODS:
        return Role.EDITOR
    return Role.VIEWER


def membership_of(request: HttpRequest, slug: str) -> Membership:
    """The signed-in person's membership of the collection ``slug``, or 404."""
    user = request.user
    if not user.is_authenticated:
        raise Http404("No such collection.")
    found = (
        Membership.objects.select_related("collection")
        .filter(user=user, collection__slug=slug)
        .first()
    )
    if found is None:
        raise Http404("No such collection.")
    return found


class CollectionAccessMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("collection")
        if slug is None or not request.user.is_authenticated:
            return None  # not a collection's page, or signing in is asked for first
        membership = membership_of(request, slug)
        needed = required_role(request.resolver_match.view_name, request.method)
        if not membership.allows(needed):
            raise PermissionDenied(f"This needs the role {needed.label.lower()} here.")
        request.membership = membership
        return None


def roles(request: HttpRequest) -> dict:
    """Templates ask ``membership.can_edit`` to offer what the person may do."""
    return {"membership": getattr(request, "membership", None)}
