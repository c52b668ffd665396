"""Text as collectors compare and order it: whatever its case and accents.

Both are done here, in Python, and stored or compared as plain strings, because the databases
disagree: SQLite's ``lower()`` folds ASCII letters only, PostgreSQL's follows the database's
locale, and neither casefolds ("ß" and "SS").
"""

import unicodedata

# Letters no decomposition takes apart, as dictionaries and library catalogues file them
# ('Łódź' among the L's, 'Œuvre' as 'oeuvre'). Keys are already casefolded.
LETTERS = str.maketrans(
    {"ł": "l", "đ": "d", "ð": "d", "ø": "o", "ħ": "h", "ŧ": "t", "ı": "i", "ŀ": "l"}
    | {"æ": "ae", "œ": "oe", "þ": "th", "ĳ": "ij"}
)


def fold_case(text: str) -> str:
    """'DRAMA', 'Drama' and 'drama' are one name, and so are 'é' typed as one character or
    as 'e' and its accent (macOS writes file names decomposed); 'Drame' and 'Drâme' are two."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).casefold())


def fold(text: str) -> str:
    """'Éclair' → 'eclair', 'STRASSE' and 'Straße' → 'strasse': what a title is ordered by."""
    if text.isascii():  # most titles: nothing to decompose (an import folds every one)
        return text.lower()
    # Casefold first: it may itself give a combining mark ('İ' → 'i' + dot above).
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.translate(LETTERS)
