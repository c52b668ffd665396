"""What one request may ask of the server: a request asking more is refused, saying the limit.

A page costs in proportion to what its URL asks (search words, filter values): without a
limit one anonymous GET could keep a thread and the database busy for minutes. Code that
finds such a request raises ``TooMuchAsked``; the request-limits middleware answers 400 with
the message.
"""

from django.conf import settings

MB = 1024 * 1024
# Room for a form's other fields and the multipart boundaries around the file.
FORM_ALLOWANCE = MB


def largest_upload_mb() -> int:
    """The largest file any form accepts, in MB: an import or a cover."""
    return max(settings.CINECAT_MAX_UPLOAD_MB, settings.CINECAT_MAX_COVER_MB)


def max_body_bytes() -> int:
    """The largest request body the server takes (cinecat serve gives waitress the same)."""
    return largest_upload_mb() * MB + FORM_ALLOWANCE


class TooMuchAsked(Exception):
    """A request asking more work than one request may do; the message says the limit."""
