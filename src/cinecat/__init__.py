"""cinecat: a self-hosted catalog for physical movie collections."""

__version__ = "0.1.0"
