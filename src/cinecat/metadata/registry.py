"""The providers cinecat knows, by key, each a dotted path imported on first use.

Only configured providers are offered (``available``): with none, cinecat works as before and
entries are typed by hand. Another provider is one module and one line here.
"""

from django.utils.module_loading import import_string

from .base import NotConfigured, Provider, ProviderError

# In the order titles are looked up when no provider is named: the local dataset first (no
# network, no key), then the web service.
PROVIDERS = {
    "imdb": "cinecat.metadata.imdb.ImdbProvider",
    "tmdb": "cinecat.metadata.tmdb.TmdbProvider",
}


def provider_class(key: str) -> type[Provider]:
    """The class of provider ``key``, or ProviderError naming the keys there are."""
    try:
        return import_string(PROVIDERS[key])
    except KeyError:
        known = ", ".join(PROVIDERS)
        raise ProviderError(f"There is no metadata provider {key!r}; there are: {known}.") from None


def available() -> list[str]:
    """The keys of the providers this installation can use, in lookup order."""
    return [key for key in PROVIDERS if provider_class(key).is_configured()]


def get(key: str, **options) -> Provider:
    """Provider ``key``, ready to use, or NotConfigured saying how to configure it."""
    cls = provider_class(key)
    if not cls.is_configured():
        raise NotConfigured(f"{cls.name} is not configured: {cls.setup}")
    return cls(**options)


def title_providers(key: str | None = None, **options) -> list[Provider]:
    """The provider named, or every available one; NotConfigured when there is none."""
    if key is not None:
        return [get(key, **options)]
    keys = available()
    if not keys:
        hints = " ".join(f"{provider_class(k).name}: {provider_class(k).setup}" for k in PROVIDERS)
        raise NotConfigured(f"No metadata provider is configured. {hints}")
    return [get(k, **options) for k in keys]
