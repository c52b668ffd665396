"""Metadata providers: a barcode or a title becomes a complete entry.

Each source (TMDb, IMDb's datasets, a UPC web service) is one module behind the protocol of
``base``; network calls go through ``http`` only; providers return the catalog's record
dataclasses and never touch the catalog's tables.
"""
