"""The one writer that turns records from any format into Works, Editions and Copies."""

from .run import ImportFailed, ImportReport, ItemResult, apply_records

__all__ = ["ImportFailed", "ImportReport", "ItemResult", "apply_records"]
