"""Values a user picks from a list. Rows, not free text, so folders and facets count cheaply."""

from django.db import models
from django.urls import reverse

from cinecat.core.folding import fold


class NamedLookup(models.Model):
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Genre(NamedLookup):
    pass


class Country(NamedLookup):
    class Meta(NamedLookup.Meta):
        verbose_name_plural = "countries"


class Language(NamedLookup):
    pass


class Company(NamedLookup):
    """A distributor or studio."""

    class Meta(NamedLookup.Meta):
        verbose_name_plural = "companies"


class Person(models.Model):
    """An actor or crew member. Names are not unique: two people can share one."""

    name = models.CharField(max_length=200, db_index=True)
    imdb_id = models.CharField("IMDb ID", max_length=16, blank=True)
    tmdb_id = models.PositiveIntegerField("TMDb ID", null=True, blank=True)
    # The name in parts, as a source gives them ("Robert" "" "De Niro"): never guessed.
    first_name = models.CharField(max_length=200, blank=True)
    middle_name = models.CharField(max_length=200, blank=True)
    last_name = models.CharField(max_length=200, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class CollectionLookup(models.Model):
    """A value private to one collection: its tags, its rooms and shelves, its storage devices."""

    collection = models.ForeignKey("catalog.Collection", on_delete=models.CASCADE)
    name = models.CharField(max_length=200)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Tag(CollectionLookup):
    class Meta(CollectionLookup.Meta):
        constraints = [
            models.UniqueConstraint(fields=["collection", "name"], name="tag_unique_per_collection")
        ]


class Location(CollectionLookup):
    """Where copies are kept; locations nest (room → shelf → box)."""

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    # The whole path folded (case, accents), so that lists sort by place as shelves are walked:
    # "Living room › Shelf 2" after "Living room", before "Study". Kept by save().
    path_order = models.CharField(max_length=1000, blank=True, editable=False, db_index=True)

    class Meta(CollectionLookup.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "parent", "name"], name="location_unique_per_parent"
            ),
            # NULLs are distinct in a unique index, so top-level names need their own rule.
            models.UniqueConstraint(
                fields=["collection", "name"],
                condition=models.Q(parent__isnull=True),
                name="top_location_unique_per_collection",
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        before = self.path_order
        self.path_order = path_key(self.path)
        super().save(*args, **kwargs)
        if before and before != self.path_order:  # renamed or moved: so are the places in it
            for child in self.children.all():
                child.save()

    def get_absolute_url(self) -> str:
        kwargs = {"collection": self.collection.slug, "location": self.pk}
        return reverse("catalog:location-detail", kwargs=kwargs)

    @property
    def path(self) -> str:
        names, node = [], self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return " › ".join(reversed(names))


def path_key(path: str) -> str:
    """A place's full path as lists order it."""
    return fold(path.replace(" › ", "\x01"))[:1000]


class DeviceKind(models.TextChoices):
    BINDER = "binder", "Binder"
    BOX = "box", "Box"
    TOWER = "tower", "Tower"
    CHANGER = "changer", "Disc changer"
    CASE = "case", "Case"
    OTHER = "other", "Other"


class StorageDevice(CollectionLookup):
    """A binder, box or disc changer whose numbered slots hold discs."""

    kind = models.CharField(max_length=10, choices=DeviceKind.choices, blank=True)
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How many discs it holds, in slots 1 to this; empty: no limit",
    )

    class Meta(CollectionLookup.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "name"], name="storage_device_unique_per_collection"
            )
        ]

    def get_absolute_url(self) -> str:
        kwargs = {"collection": self.collection.slug, "device": self.pk}
        return reverse("catalog:storage-detail", kwargs=kwargs)
