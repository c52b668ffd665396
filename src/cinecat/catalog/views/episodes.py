"""A season box on its copy's page: its discs and their episodes, and an episode seen."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..episodes import season_box
from ..models import Copy


def season_box_context(request: HttpRequest, copy: Copy) -> dict:
    """The copy page's discs and episodes; ``?disc=3&episode=12`` (where a search points)
    opens disc 3 and marks its episode."""
    return {
        "season_box": season_box(copy),
        "open_disc": _number(request.GET.get("disc")),
        "open_episode": _number(request.GET.get("episode")),
    }


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isascii() and text.isdigit() else None


@require_POST
def episode_seen(request: HttpRequest, collection: str, index: int, place: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    try:
        episode = services.seen_episode(copy, place, by=request.user)
    except services.NoSuchEpisode as exc:
        raise Http404(str(exc)) from exc
    messages.success(request, f"Seen today: {episode}.")
    box = season_box(copy)
    disc = next((d.number for d in box.discs if any(i.place == place for i in d.episodes)), 0)
    return redirect(f"{copy.get_absolute_url()}?disc={disc}&episode={place}#episode-{place}")
