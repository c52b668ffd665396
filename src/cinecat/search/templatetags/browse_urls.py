"""Links that change one thing of the browsing state in the URL and keep the rest."""

from django import template
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cinecat.search.columns import reversed_sort

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


@register.simple_tag
def sort_link(query: str, current: str, key: str, label: str) -> str:
    """A sort's link: its own order, or its own order the other way round when it is the one
    in use (with an arrow saying which way it runs)."""
    target = reversed_sort(current, key)
    href = with_param(query, "sort", target)
    active = current.lstrip("-") == key
    arrow = (" ↓" if current.startswith("-") else " ↑") if active else ""
    attrs = ' aria-current="true"' if active else ""
    return format_html(
        '<a href="{}" hx-get="{}"{}>{}{}</a>', href, href, mark_safe(attrs), label, arrow
    )
