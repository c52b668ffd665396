"""Who may open a collection, and what they may do there."""

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    VIEWER = "viewer", "Viewer"
    EDITOR = "editor", "Editor"
    OWNER = "owner", "Owner"


# Each role may do what the roles before it may: an owner edits, an editor reads.
RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.OWNER: 3}


class Membership(models.Model):
    """A person's place in a collection: viewer (reads), editor (adds, edits, imports, lends)
    or owner (all that, and its members)."""

    collection = models.ForeignKey(
        "catalog.Collection", on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=6, choices=Role.choices, default=Role.VIEWER)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["collection", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "user"], name="one_membership_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} of {self.collection}"

    def allows(self, role: str) -> bool:
        return RANK[Role(self.role)] >= RANK[Role(role)]

    @property
    def can_edit(self) -> bool:
        return self.allows(Role.EDITOR)

    @property
    def can_manage(self) -> bool:
        return self.allows(Role.OWNER)
