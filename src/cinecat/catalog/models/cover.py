"""A picture of an edition's case: the front or the back, with thumbnails made once on upload."""

from django.db import models


class CoverSide(models.TextChoices):
    FRONT = "front", "Front"
    BACK = "back", "Back"


class Cover(models.Model):
    edition = models.ForeignKey("catalog.Edition", on_delete=models.CASCADE, related_name="covers")
    side = models.CharField(max_length=5, choices=CoverSide.choices, default=CoverSide.FRONT)
    # A FileField, not an ImageField: Pillow runs once, in covers.validate_cover, and never again
    # when a row is loaded or saved. Files go through the default storage (local or shared).
    image = models.FileField(upload_to="covers/", max_length=255)
    width = models.PositiveIntegerField(help_text="Pixels, upright (EXIF orientation applied)")
    height = models.PositiveIntegerField(help_text="Pixels, upright (EXIF orientation applied)")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["edition", "-side"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "side"], name="cover_side_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()} cover of edition {self.edition_id}"

    @property
    def version(self) -> str:
        """Changes with every upload: put it in cover URLs so they can be cached for a year."""
        return f"{int(self.uploaded_at.timestamp() * 1_000_000):x}"
