"""The collections a person belongs to (and a new one), and a collection's members."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from . import services, sharing
from .models import Role


def collections(request: HttpRequest) -> HttpResponse:
    """Switch between one's collections, or start a new, empty one."""
    if request.method == "POST":
        name, slug = request.POST.get("name", ""), request.POST.get("slug", "")
        try:
            created = services.create_collection(request.user, name, slug)
        except services.AccountError as error:
            messages.error(request, f"Not created: {error}")
        else:
            messages.success(request, f"{created.name} is yours: add or import its first copies.")
            return redirect(created)
    context = {
        "memberships": services.memberships_of(request.user),
        "posted": request.POST if request.method == "POST" else {},
    }
    return render(request, "accounts/collections.html", context)


def members(request: HttpRequest, collection: str) -> HttpResponse:
    """Who may open the collection and what they may do: an owner's page."""
    current = request.membership.collection
    here = reverse("accounts:members", kwargs={"collection": current.slug})
    if request.method == "POST":
        try:
            said = _change_members(request, current)
        except services.AccountError as error:
            messages.error(request, f"Not changed: {error}")
        else:
            messages.success(request, said)
        return redirect(here)
    context = {
        "collection": current,
        "members": current.memberships.select_related("user").order_by("user__username"),
        "roles": Role.choices,
    }
    return render(request, "accounts/members.html", context)


def _change_members(request: HttpRequest, collection) -> str:
    user = services.find_user(request.POST.get("user", ""))
    if request.POST.get("remove"):
        services.remove_member(collection, user)
        return f"{user} is no longer a member."
    role = request.POST.get("role", "")
    membership = services.set_member(collection, user, role)
    return f"{user} is now {membership.get_role_display().lower()} of {collection.name}."


def share_links(request: HttpRequest, collection: str) -> HttpResponse:
    """Read-only links to the collection, made and revoked by its owners."""
    current = request.membership.collection
    here = reverse("accounts:share-links", kwargs={"collection": current.slug})
    if request.method == "POST":
        try:
            said = _change_links(request, current)
        except services.AccountError as error:
            messages.error(request, f"Not changed: {error}")
        else:
            messages.success(request, said)
        return redirect(here)
    links = [(link, sharing.full_url(link)) for link in current.share_links.all()]
    return render(request, "accounts/share_links.html", {"collection": current, "links": links})


def _change_links(request: HttpRequest, collection) -> str:
    revoked = request.POST.get("revoke", "")
    if revoked:
        link = sharing.revoke_share(revoked, collection)
        return f"The link {link.label or 'without a label'} is revoked: it opens nothing now."
    days = request.POST.get("days", "").strip()
    if days and not days.isdigit():
        raise services.AccountError(f"days {days!r}: a whole number of days, or nothing.")
    link = sharing.create_share(
        collection,
        label=request.POST.get("label", ""),
        days=int(days) if days else None,
        by=request.user,
    )
    return f"A new link: {sharing.full_url(link)}"
