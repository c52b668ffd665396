"""The disc a collection holds or wishes for, with every personal field."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone


class WishPriority(models.IntegerChoices):
    HIGH = 1, "High"
    NORMAL = 2, "Normal"
    LOW = 3, "Low"


class CopyStatus(models.TextChoices):
    OWNED = "owned", "Owned"
    WISH_LIST = "wish", "Wish list"
    ON_ORDER = "ordered", "On order"
    FOR_SALE = "for_sale", "For sale"
    SOLD = "sold", "Sold"
    WATCHED = "watched", "Watched, not owned"  # a film seen elsewhere, kept for its viewings


# The personal fields holding plain values (no pick-list row behind them), in the order the
# forms, the import writer and the history list them.
PERSONAL_VALUES = (
    "status",
    "owner",
    "storage_slot",
    "purchased_on",
    "purchase_price",
    "purchase_currency",
    "purchase_store",
    "condition",
    "notes",
    "my_rating",
    "viewings",
    "wish_priority",
    "where_to_buy",
    "target_price",
    "expected_on",
    "sold_on",
    "sold_price",
)


class InCatalog(models.Manager):
    """Copies that are not in the trash: what every list, search and count sees."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(trashed_at__isnull=True)


class Copy(models.Model):
    collection = models.ForeignKey(
        "catalog.Collection", on_delete=models.CASCADE, related_name="copies"
    )
    edition = models.ForeignKey("catalog.Edition", on_delete=models.PROTECT, related_name="copies")
    index = models.PositiveIntegerField(help_text="The collection's own number for this copy")
    status = models.CharField(max_length=10, choices=CopyStatus.choices, default=CopyStatus.OWNED)
    owner = models.CharField(max_length=200, blank=True)
    location = models.ForeignKey(
        "catalog.Location", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    storage_device = models.ForeignKey(
        "catalog.StorageDevice",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    storage_slot = models.CharField(max_length=40, blank=True)
    purchased_on = models.DateField(null=True, blank=True)
    purchase_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    purchase_currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217, e.g. USD")
    purchase_store = models.CharField(max_length=200, blank=True)
    condition = models.CharField(max_length=100, blank=True)
    # A wish, an order and a sale keep their own facts beside the purchase's.
    wish_priority = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=WishPriority.choices, help_text="How much it is wished for"
    )
    where_to_buy = models.CharField(max_length=200, blank=True, help_text="A shop or a web page")
    target_price = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="The most to pay"
    )
    expected_on = models.DateField(null=True, blank=True, help_text="When an order should arrive")
    sold_on = models.DateField(null=True, blank=True)
    sold_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    notes = models.TextField(blank=True)
    tags = models.ManyToManyField("catalog.Tag", blank=True, related_name="copies")
    my_rating = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="In half stars, as Letterboxd rates: 1 is ½★, 10 is ★★★★★",
    )
    viewings = models.PositiveIntegerField(default=0)
    other_details = models.JSONField(
        default=list,
        blank=True,
        help_text="Fields of the source with no place of their own, kept as [name, value] pairs "
        'in the source\'s order, e.g. [["IMDb rating", "7.3"]]',
    )
    disc_places = models.JSONField(
        default=list, blank=True, help_text='Each disc\'s own place: [["2", "Box 3", "14"]]'
    )
    flags = models.JSONField(
        default=list,
        blank=True,
        help_text="Values an import kept although they are not what their field takes: "
        "[field, why]",
    )
    source_extras = models.JSONField(
        default=list,
        blank=True,
        help_text="A source's ids and flags that mean nothing to a person, kept for exports",
    )
    box_set = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="box_contents",
        help_text="The box set copy this copy came in",
    )
    added_at = models.DateTimeField(default=timezone.now)
    modified_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, help_text="Raised on every save")
    # Where an imported copy came from, so that importing the same export again finds it.
    source_key = models.CharField(max_length=30, blank=True)
    source_id = models.CharField(max_length=100, blank=True)
    trashed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    everything = models.Manager()  # the trash included: indexes stay reserved there
    objects = InCatalog()

    class Meta:
        ordering = ["collection", "index"]
        verbose_name_plural = "copies"
        base_manager_name = "everything"
        default_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(fields=["collection", "index"], name="copy_index_unique")
        ]
        indexes = [
            models.Index(fields=["collection", "source_key", "source_id"]),
            # Counting a collection's copies outside the trash reads this index alone.
            models.Index(fields=["collection", "trashed_at"], name="copy_shelf"),
        ]

    def __str__(self) -> str:
        return f"#{self.index} {self.edition}"

    def save(self, *args, touch: bool = True, **kwargs) -> None:
        """Save, stamping the modified date and version unless ``touch=False`` (imports keep
        the dates the source recorded)."""
        if self.index is None:
            self.index = self.collection.next_free_index()
        if touch and self.pk is not None:
            self.modified_at = timezone.now()
            self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "catalog:copy-detail",
            kwargs={"collection": self.collection.slug, "index": self.index},
        )

    @property
    def seen(self) -> bool:
        return self.viewings > 0

    @property
    def first_work(self):
        """The work a list row shows: the only one, or a box set's first (uses prefetch)."""
        links = self.edition.edition_works.all()
        return links[0].work if links else None

    @property
    def front_cover(self):
        """The edition's front cover, if any (uses prefetched covers when there are)."""
        return next((c for c in self.edition.covers.all() if c.side == "front"), None)

    @property
    def year(self) -> int | None:
        """The work's year, else the edition's release year (pages that give no film year)."""
        work = self.first_work
        if work and work.year:
            return work.year
        return self.edition.release_date.year if self.edition.release_date else None
