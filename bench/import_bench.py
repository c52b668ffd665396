"""How fast cinecat imports a big DVD Profiler file into SQLite, against a raw-insert floor.

    python bench/import_bench.py --size 10000 [--profile]

In a fresh temporary data directory: (a) generate the file if bench/results/ lacks it, (b) import
it with ``import_files`` (entries/s, peak RSS of the importing process), (c) import it again (all
duplicates, updated), (d) insert the very rows the first import wrote, table by table, with plain
``sqlite3`` ``executemany`` in one transaction into a copy of the same empty schema: the floor,
(e) export the imported collection to cinecat JSON and to CSV (``export_collection``), against
(f) the read floor: every row of the catalog and lending tables read with plain ``sqlite3``
(``SELECT *``, no join, no order), which is less than any export must read. Also (d') the flat
floor: the same rows into tables of the same columns with no index, key or full-text index at
all — what inserting costs before the schema's indexes, which any catalog needs, are kept.
Each import runs in its own process so that its peak RSS is the import's alone. Also times the
reader alone (no database), to split parsing from writing. Each step also reports its CPU time
(user + system), steadier than the clock on a shared machine. Writes bench/results/import.json.
"""

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
PRAGMAS = (  # as cinecat's settings
    "journal_mode=WAL",
    "synchronous=NORMAL",
    "foreign_keys=ON",
    "cache_size=-32768",
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="entries (default 100,000)")
    parser.add_argument("--profile", action="store_true", help="cProfile the first import")
    parser.add_argument(
        "--child", choices=("setup", "read", "import", "export"), help=argparse.SUPPRESS
    )
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        print(json.dumps(_child(options)))
    else:
        report(run(options.size, options.profile))


def run(size: int, profile: bool) -> dict:
    source = RESULTS / f"dvdprofiler-{size}.xml"
    if not source.exists():
        sys.path.insert(0, str(BENCH))
        from generate_dvdprofiler import generate

        print(f"generating {source.name} …", file=sys.stderr)
        generate(size, source)
    with tempfile.TemporaryDirectory(prefix="cinecat-bench-") as data_dir:
        data = Path(data_dir)
        _spawn("setup", data)
        database, empty = data / "cinecat.sqlite3", data / "empty.sqlite3"
        _copy_database(database, empty)
        result = {
            "size": size,
            "file_mb": round(source.stat().st_size / 1e6, 1),
            "read": _spawn("read", data, source),
            "import": _spawn("import", data, source, profile=profile),
        }
        result["floor"] = floor(database, empty)
        result["flat_floor"] = flat_floor(database, data / "flat.sqlite3")
        result["reimport"] = _spawn("import", data, source)
        result["export"] = _spawn("export", data)
        result["read_floor"] = read_floor(database)
    result["environment"] = {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "machine": platform.machine(),
    }
    return result


def _spawn(step: str, data: Path, path: Path | None = None, profile: bool = False) -> dict:
    command = [sys.executable, __file__, "--child", step, "--data-dir", str(data)]
    command += ["--path", str(path)] if path else []
    env = {
        **os.environ,
        "CINECAT_DATA_DIR": str(data),
        "DJANGO_SETTINGS_MODULE": "cinecat.settings",
    }
    if profile:
        env["CINECAT_BENCH_PROFILE"] = str(RESULTS / "import-profile.txt")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{step} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child(options: argparse.Namespace) -> dict:
    """One step, in its own process: its peak RSS is its own."""

    if options.child == "read":
        return _timed_read(options.path)
    import django

    django.setup()
    from django.core.management import call_command

    from cinecat.catalog.services import get_or_create_default_collection

    if options.child == "setup":
        call_command("migrate", verbosity=0)
        get_or_create_default_collection()
        return {}
    if options.child == "export":
        return _timed_exports(get_or_create_default_collection(), options.data_dir)
    from cinecat.interchange.models import OnDuplicate
    from cinecat.interchange.services import import_files

    collection = get_or_create_default_collection()
    before = _peak_rss_mb()
    profile_to = os.environ.get("CINECAT_BENCH_PROFILE")
    start, cpu = time.perf_counter(), _cpu()
    if profile_to:
        jobs = _profiled(Path(profile_to), import_files, [options.path], collection)
    else:
        jobs = import_files(
            [options.path], collection, "dvdprofiler", on_duplicate=OnDuplicate.UPDATE
        )
    seconds = time.perf_counter() - start
    job = jobs[0]
    return {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(_cpu() - cpu, 3),
        "created": job.created,
        "updated": job.updated,
        "failed": job.failed,
        "rss_before_mb": before,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _timed_read(path: Path) -> dict:

    from cinecat.interchange.formats import dvdprofiler

    start, cpu = time.perf_counter(), _cpu()
    with path.open("rb") as stream:
        count = sum(1 for _ in dvdprofiler.read(stream))
    return {
        "seconds": round(time.perf_counter() - start, 3),
        "cpu_seconds": round(_cpu() - cpu, 3),
        "entries": count,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _timed_exports(collection, data: Path) -> dict:

    from cinecat.interchange.export import export_collection

    result = {}
    for key, suffix in (("cinecat-json", "json"), ("csv", "csv")):
        target = data / f"export.{suffix}"
        start, cpu = time.perf_counter(), _cpu()
        with target.open("wb") as stream:
            export_collection(collection, key, stream)
        result[key] = {
            "seconds": round(time.perf_counter() - start, 3),
            "cpu_seconds": round(_cpu() - cpu, 3),
            "file_mb": round(target.stat().st_size / 1e6, 1),
        }
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def _peak_rss_mb() -> float:
    """This process's peak RSS. Linux keeps ru_maxrss across exec, so a step spawned after the
    floor (which holds whole tables) would report the parent's peak: read VmHWM instead."""
    import resource

    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _cpu() -> float:
    """User + system CPU time of this process."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _profiled(out: Path, function, *args):
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    result = profiler.runcall(function, *args, "dvdprofiler")
    text = io.StringIO()
    for order in ("tottime", "cumulative"):
        pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(30)
    out.write_text(text.getvalue())
    profiler.dump_stats(out.with_suffix(".pstats"))  # for pstats' browser: python -m pstats
    return result


def _copy_database(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def floor(database: Path, empty: Path) -> dict:
    """Insert the rows the import wrote into a copy of the empty schema, as fast as sqlite3 can."""
    target = empty.with_name("floor.sqlite3")
    shutil.copyfile(empty, target)
    source, floor_db = sqlite3.connect(database), sqlite3.connect(target, isolation_level=None)
    for pragma in PRAGMAS:
        floor_db.execute(f"PRAGMA {pragma}")
    rows_by_table: dict[str, int] = {}
    seconds = 0.0
    floor_db.execute("BEGIN")
    # As reindex does: the full-text rows copied in one statement, not by the trigger.
    floor_db.execute("UPDATE search_fts_bulk SET active = 1")
    for table in _tables(floor_db):
        start_id = floor_db.execute(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').fetchone()[0]
        cursor = source.execute(f'SELECT * FROM "{table}" WHERE rowid > ?', (start_id,))
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
        if rows:
            seconds += _timed_insert(floor_db, table, columns, rows)
            rows_by_table[table] = len(rows)
    start = time.perf_counter()
    floor_db.execute(
        "INSERT INTO search_fts (rowid, title_text, people_text, body_text)"
        " SELECT copy_id, title_text, people_text, body_text FROM search_searchdocument"
    )
    floor_db.execute("UPDATE search_fts_bulk SET active = 0")
    floor_db.execute("COMMIT")
    seconds += time.perf_counter() - start
    source.close()
    floor_db.close()
    return {
        "seconds": round(seconds, 3),
        "rows": sum(rows_by_table.values()),
        "tables": rows_by_table,
    }


def _timed_insert(db: sqlite3.Connection, table: str, columns: list[str], rows: list) -> float:
    """Seconds an executemany of ``rows`` into ``table`` takes."""
    names = ", ".join(f'"{column}"' for column in columns)
    marks = ", ".join("?" * len(columns))
    start = time.perf_counter()
    db.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
    return time.perf_counter() - start


def flat_floor(database: Path, target: Path) -> dict:
    """The import's rows into bare tables (columns only: no key, index or trigger)."""
    source, flat = sqlite3.connect(database), sqlite3.connect(target, isolation_level=None)
    for pragma in PRAGMAS:
        flat.execute(f"PRAGMA {pragma}")
    tables = _tables(source)
    for table in tables:
        columns = [row[1] for row in source.execute(f'PRAGMA table_info("{table}")')]
        quoted = ", ".join(f'"{column}"' for column in columns)
        flat.execute(f'CREATE TABLE "{table}" ({quoted})')
    seconds, rows_written = 0.0, 0
    flat.execute("BEGIN")
    for table in tables:
        cursor = source.execute(f'SELECT * FROM "{table}"')
        rows = cursor.fetchall()
        if rows:
            seconds += _timed_insert(flat, table, [c[0] for c in cursor.description], rows)
            rows_written += len(rows)
    start = time.perf_counter()
    flat.execute("COMMIT")
    seconds += time.perf_counter() - start
    source.close()
    flat.close()
    return {"seconds": round(seconds, 3), "rows": rows_written}


def read_floor(database: Path) -> dict:
    """Every row of the tables an export reads, fetched as plain tuples, as fast as sqlite3 can."""
    db = sqlite3.connect(database)
    tables = [name for name in _tables(db) if name.startswith(("catalog_", "lending_"))]
    rows = 0
    start = time.perf_counter()
    for table in tables:
        for _ in db.execute(f'SELECT * FROM "{table}"'):
            rows += 1
    seconds = time.perf_counter() - start
    db.close()
    return {"seconds": round(seconds, 3), "rows": rows}


def _tables(db: sqlite3.Connection) -> list[str]:
    """Ordinary tables: not SQLite's own, not full-text indexes (filled from the documents)."""
    found = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in found if sql.upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name, _ in found
        if not name.startswith("sqlite_")
        and name != "django_migrations"
        and not any(name == v or name.startswith(f"{v}_") for v in virtual)
    ]


def report(result: dict) -> None:
    size, rows = result["size"], result["floor"]["rows"]
    result["ratio_import_to_floor"] = round(
        result["import"]["seconds"] / result["floor"]["seconds"], 1
    )
    result["ratio_reimport_to_floor"] = round(
        result["reimport"]["seconds"] / result["floor"]["seconds"], 1
    )
    exports, read = result["export"], result["read_floor"]["seconds"]
    for key in ("cinecat-json", "csv"):
        exports[key]["ratio_to_read_floor"] = round(exports[key]["seconds"] / read, 1)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [("step", "seconds", "cpu s", "entries/s", "rows/s", "peak RSS MB")]
    for label, key in (("read only", "read"), ("import", "import"), ("re-import", "reimport")):
        step = result[key]
        lines.append(
            (
                label,
                step["seconds"],
                step["cpu_seconds"],
                size / step["seconds"],
                rows / step["seconds"],
                step["peak_rss_mb"],
            )
        )
    step = result["floor"]
    lines.append(
        ("sqlite3 floor", step["seconds"], "-", size / step["seconds"], rows / step["seconds"], "-")
    )
    step = result["flat_floor"]
    lines.append(
        ("sqlite3 flat", step["seconds"], "-", size / step["seconds"], rows / step["seconds"], "-")
    )
    step = result["read_floor"]
    lines.append(("sqlite3 read", step["seconds"], "-", size / step["seconds"], "-", "-"))
    for label, key in (("export JSON", "cinecat-json"), ("export CSV", "csv")):
        step = exports[key]
        lines.append(
            (
                label,
                step["seconds"],
                step["cpu_seconds"],
                size / step["seconds"],
                "-",
                exports["peak_rss_mb"],
            )
        )
    print(f"{size:,} entries, {result['file_mb']} MB file, {rows:,} rows written by the import")
    for label, *values in lines:
        seconds, *rates = values
        first = f"{seconds:>14.2f}" if isinstance(seconds, float) else f"{seconds:>14}"
        cells = [first, *(_cell(value) for value in rates)]
        print(f"{label:<14}" + "".join(cells))
    print(
        f"import takes {result['ratio_import_to_floor']}x the floor's time, "
        f"re-import {result['ratio_reimport_to_floor']}x; "
        f"export JSON {exports['cinecat-json']['ratio_to_read_floor']}x the read floor's, "
        f"CSV {exports['csv']['ratio_to_read_floor']}x"
    )


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:>14,.0f}" if value >= 100 else f"{value:>14.2f}"
    return f"{value:>14}"


if __name__ == "__main__":
    main()
