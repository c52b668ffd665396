from django.db import models
from django.urls import reverse


class Collection(models.Model):
    """A catalog of copies: one person's or one household's shelves."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("search:collection-detail", kwargs={"collection": self.slug})

    def next_free_index(self) -> int:
        """The number a new copy gets: one past the highest index in use."""
        from .copy import Copy  # a copy in the trash keeps its number until purged

        highest = Copy.everything.filter(collection=self).aggregate(models.Max("index"))
        highest = highest["index__max"]
        return (highest or 0) + 1
