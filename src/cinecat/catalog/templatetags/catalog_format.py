"""How the catalog writes its values, in the wording collectors know from their old tools."""

from django import template
from django.forms import BaseForm, BaseFormSet
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from cinecat.catalog import history, markup, ratings
from cinecat.catalog.models.work import format_runtime

register = template.Library()


runtime = register.filter("runtime", format_runtime)
stars = register.filter("stars", ratings.stars)
rating_words = register.filter("rating_words", ratings.in_words)


@register.filter
def joined(values, separator: str = " | ") -> str:
    return separator.join(str(value) for value in values)


@register.filter
def initials(title: str) -> str:
    """Letters for a cover placeholder: 'The Death Of Stalin' → 'DS'."""
    words = [w for w in title.split() if w.lower() not in {"the", "a", "an", "of", "and"}]
    return "".join(word[0] for word in words[:2]).upper() or "?"


@register.filter
def formatted(text: str, kind: str = "text") -> str:
    """A plot (or easter eggs) as its source formatted it: HTML made safe, else paragraphs;
    ``auto``: HTML when the text holds a tag."""
    if kind == "auto":
        kind = "html" if markup.holds_tags(text) else "text"
    if kind == "html":
        return mark_safe(markup.safe_html(text))  # noqa: S308 — nh3 keeps only formatting tags
    return mark_safe(linebreaks(text, autoescape=True))  # noqa: S308 — the text is escaped


@register.filter
def in_words(change) -> list[str]:
    """A history entry's changes as a person says them: "added tag Satire", "Owner “” → “Kerry”"."""
    return history.in_words(change.changes)


@register.filter
def undo_ids(tags: str) -> list[str]:
    """The copies an Undo brings back, from a message's tags ("undo undo-12-13")."""
    for tag in tags.split():
        if tag.startswith("undo-"):
            return [part for part in tag.removeprefix("undo-").split("-") if part.isdigit()]
    return []


@register.inclusion_tag("catalog/partials/_error_summary.html", takes_context=True)
def error_summary(context) -> dict:
    """Every error of the page's forms, at its top, each linking to its field."""
    found = []
    for value in context.flatten().values():
        parts = value.forms if isinstance(value, BaseFormSet) else [value]
        for form in parts:
            if not isinstance(form, BaseForm) or not form.is_bound:
                continue
            found += [("", error, "") for error in form.non_field_errors()]
            for field in form:
                found += [(field.label, error, field.id_for_label) for error in field.errors]
        if isinstance(value, BaseFormSet) and value.is_bound:
            found += [("", error, "") for error in value.non_form_errors()]
    return {"errors": found}


@register.filter
def labelled(field, label: str):
    """A field's input named by its label for those who cannot see the table's headings."""
    return field.as_widget(attrs={"aria-label": label})
