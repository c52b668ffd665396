"""UPC/EAN barcodes: validation and the one normal form cinecat stores.

Every barcode is stored as a 13-digit EAN (GTIN-13) so that a UPC-A scanned from the box, the same
number typed with its leading zero, and a UPC-E printed on a slim case all match one Edition.
EAN-8 codes have no 13-digit form and are kept as they are.
"""

import re
import unicodedata

from stdnum import ean
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError


class BarcodeError(ValueError):
    """A barcode that is not a valid UPC/EAN; the message says why."""


_SEPARATORS = re.compile(r"[\s-]")


def _expand_upc_e(code: str) -> str:
    """UPC-E (8 digits, number system 0 or 1) to the UPC-A it abbreviates."""
    system, body, check = code[0], code[1:7], code[7]
    last = body[5]
    if last in "012":
        middle = body[0:2] + last + "0000" + body[2:5]
    elif last == "3":
        middle = body[0:3] + "00000" + body[3:5]
    elif last == "4":
        middle = body[0:4] + "00000" + body[4]
    else:
        middle = body[0:5] + "0000" + last
    return system + middle + check


def normalize(value: str) -> str:
    """Return the stored form of a UPC-A, UPC-E, EAN-13 or EAN-8, or raise BarcodeError."""
    # NFKC: full-width digits (as an East Asian keyboard types them) are the ASCII ones.
    digits = _SEPARATORS.sub("", unicodedata.normalize("NFKC", value or ""))
    if not digits:
        raise BarcodeError("The barcode is empty.")
    if not (digits.isascii() and digits.isdigit()):
        raise BarcodeError(f"The barcode {value!r} must contain digits only.")
    candidates = [digits]
    if len(digits) == 8 and digits[0] in "01":
        # An 8-digit code starting 0/1 may be UPC-E or EAN-8: accept whichever checks out.
        candidates.insert(0, _expand_upc_e(digits))
    problem: ValidationError | None = None
    for candidate in candidates:
        try:
            ean.validate(candidate)
        except ValidationError as exc:
            problem = problem or exc
            continue
        if len(candidate) in (12, 13):
            return candidate.zfill(13)
        if len(candidate) == 14 and candidate.startswith("0"):
            return candidate[1:]
        return candidate
    if isinstance(problem, InvalidChecksum):
        raise BarcodeError(f"The barcode {value} has a wrong check digit.")
    if isinstance(problem, InvalidLength):
        raise BarcodeError(
            f"The barcode {value} has {len(digits)} digits; a UPC has 12 (or 8) and an EAN 13 or 8."
        )
    if isinstance(problem, InvalidFormat):
        raise BarcodeError(f"The barcode {value!r} is not a UPC or EAN.")
    raise BarcodeError(f"The barcode {value!r} is not valid.")


def display(stored: str) -> str:
    """The form people read on the box: UPC-A for North-American codes, EAN otherwise."""
    if len(stored) == 13 and stored.startswith("0"):
        return stored[1:]
    return stored
