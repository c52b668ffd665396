"""What one request may ask of the server: a request asking more is refused, saying the limit.

A page costs in proportion to what its URL asks (search words, filter values): without a
limit one anonymous GET could keep a thread and the database busy for minutes. Code that
finds such a request raises ``TooMuchAsked``; the request-limits middleware answers 400 with
the message.
"""


class TooMuchAsked(Exception):
    """A request asking more work than one request may do; the message says the limit."""
