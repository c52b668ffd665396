"""Who may open a collection, and what they may do there."""

import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse


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


def new_share_token() -> str:
    # 256 random bits: a link is as hard to guess as a strong key.
    return secrets.token_urlsafe(32)


class ShareLink(models.Model):
    """A read-only link to a collection for anyone who has it, until revoked or expired."""

    collection = models.ForeignKey(
        "catalog.Collection", on_delete=models.CASCADE, related_name="share_links"
    )
    token = models.CharField(max_length=64, unique=True, default=new_share_token, editable=False)
    label = models.CharField(max_length=200, blank=True, help_text="whom it was given to")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["collection", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.collection.slug}: {self.label or 'a share link'}"

    def get_absolute_url(self) -> str:
        return reverse("accounts:shared-list", kwargs={"token": self.token})

    def is_open(self, now: datetime) -> bool:
        return self.expires_at is None or self.expires_at > now
