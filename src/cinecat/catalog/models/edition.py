"""One product on a shop shelf: a format, a distributor, a release date, a barcode."""

from django.core.exceptions import ValidationError
from django.db import models

from cinecat.core import barcodes


class Format(models.TextChoices):
    DVD = "DVD", "DVD"
    BLU_RAY = "Blu-ray", "Blu-ray"
    UHD = "4K UHD", "4K UHD"
    BLU_RAY_3D = "Blu-ray 3D", "Blu-ray 3D"
    HD_DVD = "HD DVD", "HD DVD"
    VHS = "VHS", "VHS"
    LASERDISC = "LaserDisc", "LaserDisc"
    VIDEO_CD = "Video CD", "Video CD"
    DIGITAL = "Digital", "Digital"
    OTHER = "Other", "Other"


class Edition(models.Model):
    name = models.CharField(
        "edition name", max_length=200, blank=True, help_text="e.g. Special Edition"
    )
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.DVD)
    distributor = models.ForeignKey(
        "catalog.Company", null=True, blank=True, on_delete=models.PROTECT, related_name="editions"
    )
    release_date = models.DateField(null=True, blank=True)
    barcode = models.CharField(
        max_length=13, blank=True, db_index=True, help_text="UPC or EAN, stored as EAN-13"
    )
    rating_country = models.CharField(
        "audience rating country", max_length=8, blank=True, help_text="e.g. US"
    )
    rating = models.CharField(
        "audience rating", max_length=40, blank=True, help_text="e.g. R, PG-13, 15"
    )
    regions = models.JSONField(default=list, blank=True, help_text='e.g. ["1"] or ["A", "B"]')
    discs = models.PositiveSmallIntegerField(null=True, blank=True)
    packaging = models.CharField(max_length=100, blank=True)
    aspect_ratio = models.CharField(max_length=200, blank=True)
    video_standard = models.CharField(max_length=10, blank=True, help_text="PAL, NTSC or SECAM")
    audio = models.TextField("audio tracks", blank=True, help_text="One audio track a line")
    subtitles = models.TextField(blank=True, help_text="One subtitle language a line")
    co_distributors = models.ManyToManyField(
        "catalog.Company", blank=True, related_name="co_distributed"
    )
    screen_formats = models.JSONField(
        default=list, blank=True, help_text='e.g. ["Widescreen 16:9", "Letterbox"]'
    )
    features = models.JSONField(
        "special features", default=list, blank=True, help_text='e.g. ["Commentary", "Trailer"]'
    )
    other_features = models.TextField(blank=True)
    list_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    list_price_currency = models.CharField(max_length=3, blank=True, help_text="e.g. EUR")
    slip_cover = models.BooleanField(default=False)
    easter_eggs = models.TextField(blank=True)
    rating_details = models.TextField(blank=True, help_text="Why it has its audience rating")
    barcode_as_given = models.CharField(
        max_length=40,
        blank=True,
        help_text="A source's code that is no valid UPC/EAN, kept as it was written",
    )
    works = models.ManyToManyField(
        "catalog.Work", through="catalog.EditionWork", related_name="editions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        first = self.edition_works.select_related("work").first()
        title = first.work.title if first else "(no work)"
        return f"{title} [{self.format}]"

    def clean(self) -> None:
        if self.barcode:
            try:
                self.barcode = barcodes.normalize(self.barcode)
            except barcodes.BarcodeError as exc:
                raise ValidationError({"barcode": str(exc)}) from exc

    @property
    def barcode_display(self) -> str:
        return barcodes.display(self.barcode) if self.barcode else ""

    @property
    def rating_display(self) -> str:
        if self.rating_country and self.rating:
            return f"{self.rating_country} - {self.rating}"
        return self.rating

    @property
    def regions_display(self) -> str:
        return ", ".join(f"Region {region}" for region in self.regions)

    @property
    def is_box_set(self) -> bool:
        return self.edition_works.count() > 1


class EditionWork(models.Model):
    """A work on an edition, in order: a box set holds several."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="edition_works")
    work = models.ForeignKey("catalog.Work", on_delete=models.CASCADE, related_name="edition_links")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["edition", "order"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "work"], name="edition_work_unique")
        ]

    def __str__(self) -> str:
        return f"{self.order + 1}. {self.work}"


class Disc(models.Model):
    """One disc of an edition: its label and description, side A and (two-sided) side B."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="disc_list")
    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    disc_id = models.CharField("disc ID", max_length=40, blank=True)
    dual_layered = models.BooleanField(default=False)
    dual_sided = models.BooleanField(default=False)
    label_b = models.CharField("label of side B", max_length=200, blank=True)
    description_b = models.TextField("description of side B", blank=True)
    disc_id_b = models.CharField("disc ID of side B", max_length=40, blank=True)
    dual_layered_b = models.BooleanField("side B dual layered", default=False)
    # Places, not keys: an episode's place among the edition's episodes (its works' in the
    # edition's order, 1 the first), as records name them, so a disc and its episodes are
    # written and read back with no lookup.
    episodes = models.JSONField(
        default=list, blank=True, help_text="The episodes it carries, in order: e.g. [1, 2, 3]"
    )

    class Meta:
        ordering = ["edition", "order"]

    def __str__(self) -> str:
        return self.label or f"Disc {self.order + 1}"
