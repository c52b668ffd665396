"""Configuration: runs with nothing set, every CINECAT_* variable documented."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.db import connection

from tests.conftest import ROOT

SETTINGS = ROOT / "src" / "cinecat" / "settings.py"


def settings_in(data_dir: Path, **env: str) -> str:
    """Run a fresh interpreter with cinecat.settings and print what it decided."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CINECAT_")}
    code = (
        "import cinecat.settings as s; print(s.DATABASES['default']['ENGINE']); print(s.SECRET_KEY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "CINECAT_DATA_DIR": str(data_dir), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_every_cinecat_variable_the_settings_read_is_documented_in_the_readme():
    read = set(re.findall(r'"(CINECAT_[A-Z_]+)"', SETTINGS.read_text()))
    documented = set(re.findall(r"`(CINECAT_[A-Z_]+)`", (ROOT / "README.md").read_text()))
    assert read, "the settings read no CINECAT_ variable?"
    assert read <= documented, f"undocumented: {sorted(read - documented)}"


def test_with_nothing_set_cinecat_uses_sqlite_and_generates_a_secret_key(tmp_path):
    first = settings_in(tmp_path).split()
    assert first[0] == "django.db.backends.sqlite3"
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert settings_in(tmp_path).split()[1] == first[1]  # kept, not regenerated


def test_a_database_url_selects_postgresql(tmp_path):
    url = "postgres://cinecat:secret@127.0.0.1:5432/cinecat"
    engine = settings_in(tmp_path, CINECAT_DATABASE_URL=url).split()[0]
    assert engine == "django.db.backends.postgresql"


def test_sqlite_runs_in_wal_mode(db, tmp_path):
    if connection.vendor != "sqlite":
        assert connection.vendor == "postgresql"
        return
    # The test database lives in memory, where WAL does not apply: check a file database.
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='cinecat.settings'; "
        "django.setup(); from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], "
        "c.execute('PRAGMA busy_timeout').fetchone()[0])"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CINECAT_")}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "CINECAT_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == ["wal", "20000"]
