"""A save made while another one holds the database: a clear "busy" page, not a server error.

SQLite writes one transaction at a time. An import is one transaction (all or nothing), so a
big one (a web import running in the worker) holds the write lock for a minute or two; a copy
saved meanwhile waits for the busy timeout, then fails with "database is locked". Nothing of it
was written: the page says so and asks to try again (503, with Retry-After).
"""

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

RETRY_AFTER_SECONDS = 30


class BusyDatabaseMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not (isinstance(exception, OperationalError) and "locked" in str(exception)):
            return None
        response = render(request, "busy.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
