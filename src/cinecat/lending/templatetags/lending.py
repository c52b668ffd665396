"""The copy page's loan panel: who has the copy and since when, lend or take back, the history."""

from django import template
from django.utils import timezone

from .. import queries, services
from ..forms import LendForm

register = template.Library()


@register.inclusion_tag("lending/partials/_copy_loans.html", takes_context=True)
def loan_panel(context, copy) -> dict:
    out = services.open_loan(copy)
    box = services.lent_together(copy)[0]
    return {
        "collection": copy.collection,
        "copy": copy,
        "box": box if box.pk != copy.pk else None,
        "out": out,
        "overdue": out is not None and out.is_overdue(timezone.localdate()),
        "lendable": copy.status in services.LENDABLE,
        "form": LendForm(collection=copy.collection),
        "history": queries.loans_of_copy(copy),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("lending/partials/_copy_status.html", takes_context=True)
def status_panel(context, copy) -> dict:
    """What a copy's status lets one do from its page: bought, arrived, sold."""
    return {
        "collection": copy.collection,
        "copy": copy,
        "today": timezone.localdate(),
        "csrf_token": context.get("csrf_token"),
    }
