from .cache import CachedResponse

__all__ = ["CachedResponse"]
