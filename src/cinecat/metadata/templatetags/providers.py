"""What pages outside the provider layer ask of it: which film data services are set up."""

from django import template

from cinecat.metadata import registry, updating

register = template.Library()


@register.simple_tag
def update_providers() -> list[tuple[str, str]]:
    """(key, name) of each configured provider a copy can be updated from, the richer first."""
    return [(key, registry.provider_class(key).name) for key in updating.update_providers()]
