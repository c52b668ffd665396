"""Text as collectors compare and order it: whatever its case and accents.

Both are done here, in Python, and stored or compared as plain strings, because the databases
disagree: SQLite's ``lower()`` folds ASCII letters only, PostgreSQL's follows the database's
locale, and neither casefolds ("ß" and "SS").
"""

import unicodedata


def fold_case(text: str) -> str:
    """'DRAMA', 'Drama' and 'drama' are one name; 'Drame' and 'Drâme' are two."""
    return text.casefold()


def fold(text: str) -> str:
    """'Éclair' → 'eclair', 'STRASSE' and 'Straße' → 'strasse': what a title is ordered by."""
    if text.isascii():  # most titles: nothing to decompose (an import folds every one)
        return text.lower()
    # Casefold first: it may itself give a combining mark ('İ' → 'i' + dot above).
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
