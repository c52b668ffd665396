"""Every page says what a browser may do with it: a Content Security Policy that runs no
inline script but its own, what the page may use of the device, how much of its address goes
to other sites; and the production settings the README gives pass Django's deployment check."""

import re
import subprocess
import sys

from tests.conftest import ROOT
from tests.serving import environment


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_a_page_has_a_content_security_policy_without_inline_scripts(client, alice_collection):
    found = policy(client.get("/c/alice/"))
    assert found["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in found["script-src"]
    assert found["frame-ancestors"] == ["'none'"]
    assert found["object-src"] == ["'none'"]


def test_the_print_pages_own_script_runs_by_its_nonce(client, alice_collection):
    response = client.get("/c/alice/print/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_a_page_says_what_it_may_use_and_what_address_it_gives_away(client, alice_collection):
    response = client.get("/c/alice/")
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def production_settings() -> dict[str, str]:
    """The variables of the README's production example."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("<!-- production settings -->", 1)[1].split("```", 2)[1]
    pairs = re.findall(r"^(CINECAT_[A-Z_]+)=(\S+)", block, re.MULTILINE)
    assert pairs, "the README gives no production settings"
    return dict(pairs)


def test_the_readmes_production_settings_pass_the_deployment_check(tmp_path):
    env = environment(tmp_path, **production_settings())
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests' setting, not a server's
    done = subprocess.run(
        [sys.executable, "-m", "cinecat.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assert "no issues" in done.stdout


def test_with_no_setting_the_deployment_check_says_what_to_set(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "cinecat.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env={k: v for k, v in environment(tmp_path).items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "SECURE_HSTS_SECONDS" in done.stderr + done.stdout


def test_pictures_come_from_cinecat_and_tmdbs_image_server_alone(client, alice_collection):
    assert policy(client.get("/c/alice/add/"))["img-src"] == [
        "'self'", "data:", "https://image.tmdb.org",
    ]  # fmt: skip
