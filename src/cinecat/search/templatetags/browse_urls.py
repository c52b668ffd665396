"""Links that change one thing of the browsing state in the URL and keep the rest."""

from django import template
from django.http import QueryDict

register = template.Library()


def _state(query: str) -> QueryDict:
    state = QueryDict(query, mutable=True)
    state.pop("page", None)  # a new selection starts on its first page
    return state


@register.simple_tag
def toggle(query: str, key: str, value) -> str:
    """Add ``value`` to the filter ``key``, or take it away when it is chosen already."""
    state = _state(query)
    values = state.getlist(key)
    value = str(value)
    state.setlist(key, [v for v in values if v != value] if value in values else [*values, value])
    return "?" + state.urlencode()


@register.simple_tag
def with_param(query: str, key: str, value) -> str:
    """Set ``key`` to ``value`` (an empty value removes it)."""
    state = QueryDict(query, mutable=True)
    if key != "page":
        state.pop("page", None)
    if value in ("", None):
        state.pop(key, None)
    else:
        state[key] = str(value)
    return "?" + state.urlencode()


@register.simple_tag
def without(query: str, *keys: str) -> str:
    state = _state(query)
    for key in keys:
        state.pop(key, None)
    return "?" + state.urlencode()


@register.simple_tag
def cell(column, copy) -> str:
    return column.value(copy)
