"""Edits made one at a time (forms, admin) refresh the search index of what they touch.

Bulk writes (imports) bypass signals and call ``reindex`` themselves, batch by batch.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from cinecat.catalog.models import Copy, Credit, EditionWork, Plot, Work

from . import revision
from .index import reindex, reindex_works


@receiver(post_save, sender=Copy)
def copy_saved(sender, instance: Copy, raw: bool = False, **kwargs) -> None:
    if not raw:
        reindex([instance.pk])
        revision.bump()


@receiver(post_delete, sender=Copy)
def copy_deleted(sender, **kwargs) -> None:
    revision.bump()


@receiver(m2m_changed, sender=Copy.tags.through)
def copy_tags_changed(sender, instance, action: str, pk_set=None, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Copy):
        reindex([instance.pk])
    else:  # a tag's copies changed from the tag's side
        reindex(pk_set or [])
    revision.bump()


@receiver(post_save, sender=Work)
@receiver(post_save, sender=Credit)
@receiver(post_save, sender=Plot)
@receiver(post_save, sender=EditionWork)
@receiver(post_delete, sender=Credit)
@receiver(post_delete, sender=Plot)
@receiver(post_delete, sender=EditionWork)
def work_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        reindex_works([instance.pk if sender is Work else instance.work_id])
        revision.bump()
