"""How the catalog writes its values, in the wording collectors know from their old tools."""

from django import template

from cinecat.catalog.models.work import format_runtime

register = template.Library()


runtime = register.filter("runtime", format_runtime)


@register.filter
def joined(values, separator: str = " | ") -> str:
    return separator.join(str(value) for value in values)


@register.filter
def initials(title: str) -> str:
    """Letters for a cover placeholder: 'The Death Of Stalin' → 'DS'."""
    words = [w for w in title.split() if w.lower() not in {"the", "a", "an", "of", "and"}]
    return "".join(word[0] for word in words[:2]).upper() or "?"
