"""What the sample imports and round trips write, table by table, to compare two versions.

    python bench/dump_tables.py OUT_DIR
    diff -r OUT_BEFORE OUT_AFTER        # nothing printed: the same rows

In a fresh temporary data directory (SQLite): every real export under ../shared/data/exports and
the reference page are imported into a collection of their own, then imported again (updating);
each collection is exported as cinecat JSON, CSV and DVD Profiler XML and each file imported
into a collection of its own; the demo collection is loaded; then the whole catalog is backed up
and restored into a second fresh data directory. Both catalogs are dumped, one sorted JSON line
a row, into OUT_DIR/<table>.jsonl and OUT_DIR/restored/<table>.jsonl. Times written by the
run itself (now, within the last day) read "<now>", so two runs compare equal.
"""

import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SHARED = BENCH.parent.parent / "shared"
SKIPPED = ("django_", "auth_", "sqlite_", "search_fts")  # Django's own, and FTS5 internals


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        backup = Path(first) / "backup.zip"
        _run(first, "fill", str(backup))
        _run(second, "restore", str(backup))
        dump(Path(first) / "cinecat.sqlite3", out)
        dump(Path(second) / "cinecat.sqlite3", out / "restored")


def _run(data_dir: str, step: str, backup: str) -> None:
    env = {**os.environ, "CINECAT_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "cinecat.settings"}
    env.pop("CINECAT_DATABASE_URL", None)
    subprocess.run([sys.executable, __file__, "--step", step, backup], env=env, check=True)


def _fill(backup: Path) -> None:
    from django.core.management import call_command

    from cinecat.catalog.models import Collection
    from cinecat.interchange.formats import csv_export

    call_command("migrate", verbosity=0)
    samples = sorted((SHARED / "data" / "exports").glob("*/*"))
    samples.append(SHARED / "seeds" / "the-death-of-stalin.clz-page.txt")
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    for sample in samples:
        slug = sample.stem.replace("_", "-").replace(".", "-")[:50]
        Collection.objects.create(name=sample.name, slug=slug)
        for _ in range(2):  # the second time, every entry updates its copy
            call_command("import", str(sample), collection=slug, **quiet)
    out = Path(os.environ["CINECAT_DATA_DIR"]) / "exports"
    out.mkdir()
    for collection in list(Collection.objects.order_by("slug")):
        for key, suffix in (("cinecat-json", "json"), ("csv", "csv"), ("dvdprofiler", "xml")):
            path = out / f"{collection.slug}.{suffix}"
            columns = {"columns": ",".join(csv_export.COLUMNS)} if key == "csv" else {}
            call_command(
                "export", format=key, output=str(path), collection=collection.slug, **columns
            )
            slug = f"{key[:3]}-{collection.slug}"[:50]
            Collection.objects.create(name=f"{key} of {collection.name}", slug=slug)
            call_command("import", str(path), collection=slug, format=key, **quiet)
    call_command("load_demo", shared=SHARED, **quiet)
    call_command("backup", output=backup, **quiet)


def _restore(backup: Path) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    quiet = {"stdout": io.StringIO()}
    call_command("restore", str(backup), **quiet)


def dump(database: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(database)
    tables = [
        name
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith(SKIPPED)
    ]
    recent = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    for table in sorted(tables):
        cursor = connection.execute(f'SELECT * FROM "{table}"')
        names = [column[0] for column in cursor.description]
        rows = sorted(
            json.dumps(
                {name: _masked(value, recent) for name, value in zip(names, row, strict=True)},
                sort_keys=True,
                ensure_ascii=False,
            )
            for row in cursor
        )
        (out / f"{table}.jsonl").write_text("".join(f"{row}\n" for row in rows))


def _masked(value, recent: str):
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, str) and len(value) >= 19 and value[:4].isdigit():
        stamp = value[:19].replace("T", " ")
        if stamp >= recent:
            return "<now>"
    return value


if __name__ == "__main__":
    if sys.argv[1:2] == ["--step"]:
        import django

        django.setup()
        {"fill": _fill, "restore": _restore}[sys.argv[2]](Path(sys.argv[3]))
    else:
        main(Path(sys.argv[1]))
