"""Helpers every app may use: folding, ids, barcodes, bulk SQL, planner statistics."""
