"""Figures as a person reads them: 89,887 copies, USD 1,234.50."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def thousands(number) -> str:
    """12345 → '12,345'."""
    return f"{number:,}" if isinstance(number, int) else str(number)


@register.filter
def money(found) -> str:
    """A Money as 'USD 1,234.50' ('(no currency)' when the source gave none)."""
    total = found.total if isinstance(found.total, Decimal) else Decimal(found.total)
    return f"{found.currency or '(no currency)'} {total:,.2f}"
