"""A real browser against a live server: Debian's chromium driven by Playwright."""

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT, owning_every_collection

# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls are
# synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), (
        f"The browser tests need Chromium at {CHROMIUM}: run `make test` (it installs Debian's "
        "chromium as root) or `sudo apt-get install chromium`, or set CHROMIUM=/path."
    )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def signed_in_context(browser, live_server, transactional_db):
    """A browser signed in as Alice, owner of every collection the test makes."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    alice = get_user_model().objects.create_user("alice", "alice@example.com", "a long passphrase")
    signing_in = Client()
    signing_in.force_login(alice)
    session = signing_in.cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
    context.add_cookies([cookie])
    with owning_every_collection(alice):
        yield context


@pytest.fixture
def page(signed_in_context, request):
    context = signed_in_context
    opened = context.new_page()
    yield opened
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        opened.screenshot(path=ARTIFACTS / f"{request.node.name}-failure.png", full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
