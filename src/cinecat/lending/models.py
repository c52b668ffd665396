"""Who has which disc: borrowers and loans."""

from django.db import models
from django.utils import timezone


class Borrower(models.Model):
    collection = models.ForeignKey(
        "catalog.Collection", on_delete=models.CASCADE, related_name="borrowers"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "name"], name="borrower_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Loan(models.Model):
    copy = models.ForeignKey("catalog.Copy", on_delete=models.CASCADE, related_name="loans")
    borrower = models.ForeignKey(Borrower, on_delete=models.PROTECT, related_name="loans")
    lent_on = models.DateField(default=timezone.localdate)
    due_on = models.DateField(null=True, blank=True)
    returned_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-lent_on", "id"]

    def __str__(self) -> str:
        return f"{self.copy} → {self.borrower}"

    @property
    def is_open(self) -> bool:
        return self.returned_on is None

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today
