"""How fast the statistics page answers over HTTP, counted afresh and from the cache.

    python bench/stats_bench.py [--size 100000] [--reps 20] [--cached-reps 50]

Builds the search benchmark's collection (``search_bench.py --child``: the same generated
copies, places, devices, statuses and prices) in a temporary data directory, or in a fresh
PostgreSQL database when CINECAT_DATABASE_URL is set, then starts ``cinecat serve`` on it and
times GET requests over HTTP with httpx, p50/p95 after ``--warmup`` runs:

- cold: the catalog's revision is moved on before each request (as any write does), so the
  page counts everything again;
- cached: the same page again, its figures read from the cache.

Beside them, in the same run, the floors: the page's own SQL statements (captured from one
cold request in this process) run through the database connection with no ORM and no
rendering, and a static file over the same HTTP server (what any answer costs). Targets: p95
under 200 ms cold, under 50 ms cached. Writes bench/results/stats-<vendor>.json.
"""

import argparse
import json
import os
import platform
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
SLUG = "bench"  # search_bench's collection
TARGET_COLD_MS = 200.0
TARGET_CACHED_MS = 50.0
PAGES = {  # what a user opens: the collection, a filtered list's figures, every status
    "statistics": "",
    "statistics of the Blu-rays": "format=Blu-ray",
    "statistics, every status": "status=all",
}


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)

    def rank(q: float) -> float:  # nearest rank
        return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]

    return {"p50_ms": round(rank(0.5) * 1000, 2), "p95_ms": round(rank(0.95) * 1000, 2)}


def timed(call: Callable[[], object], reps: int, warmup: int, before=None) -> dict:
    for _ in range(warmup):
        if before:
            before()
        call()
    samples = []
    for _ in range(reps):
        if before:
            before()
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return percentiles(samples)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(size: int) -> dict:
    command = [sys.executable, str(BENCH / "search_bench.py"), "--child", "--size", str(size)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"build failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


class Server:
    """``cinecat serve`` on a free port, for as long as the ``with`` block runs."""

    def __init__(self) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Server":
        cinecat = Path(sys.executable).with_name("cinecat")
        command = [str(cinecat), "serve", "--port", str(self.port), "--no-worker"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.2)
        self.process.terminate()
        raise SystemExit("cinecat serve did not start within a minute")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def page_statements(query: str) -> list[tuple[str, tuple]]:
    """The SQL one cold request of the page runs, captured in this process."""
    from django.db import connection
    from django.test import Client

    from cinecat.search import revision

    captured: list[tuple[str, tuple]] = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    revision.bump()
    with connection.execute_wrapper(capture):
        response = Client(HTTP_HOST="127.0.0.1").get(f"/c/{SLUG}/stats/?{query}")
    assert response.status_code == 200, response.status_code
    return captured


def floor(statements: list[tuple[str, tuple]]) -> Callable[[], int]:
    """Run ``statements`` on the database connection itself: no ORM, no Python rows."""
    from django.db import connection

    connection.ensure_connection()
    raw = connection.connection  # Django's SQL functions registered, nothing else
    sqlite = connection.vendor == "sqlite"

    def run() -> int:
        rows = 0
        cursor = raw.cursor()
        for sql, params in statements:
            cursor.execute(sql.replace("%s", "?") if sqlite else sql, params)
            rows += len(cursor.fetchall())
        return rows

    return run


def measure(options: argparse.Namespace) -> dict:
    import logging

    import django
    import httpx

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per request
    from cinecat.search import revision

    rows = []
    from signing_in import session_cookie

    cookie = {"Cookie": session_cookie(SLUG)}  # every page asks for a signed-in member
    with (
        Server() as server,
        httpx.Client(base_url=server.base, timeout=120, headers=cookie) as client,
    ):

        def get(path: str) -> Callable[[], object]:
            def call() -> None:
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)

            return call

        static = timed(get("/static/cinecat/favicon.svg"), options.cached_reps, options.warmup)
        for name, query in PAGES.items():
            path = f"/c/{SLUG}/stats/?{query}"
            statements = page_statements(query)
            cold = timed(get(path), options.reps, options.warmup, before=revision.bump)
            cached = timed(get(path), options.cached_reps, options.warmup)
            raw = timed(floor(statements), options.reps, 1)
            rows.append(
                {
                    "name": name,
                    "query": query,
                    "sql_statements": len(statements),
                    "cold": cold,
                    "cached": cached,
                    "sql_floor": raw,
                    "cold_over_floor": round(cold["p50_ms"] / max(raw["p50_ms"], 0.01), 2),
                    "cold_met": cold["p95_ms"] < TARGET_COLD_MS,
                    "cached_met": cached["p95_ms"] < TARGET_CACHED_MS,
                }
            )
            print(f"  {name}: cold p95 {cold['p95_ms']} ms", file=sys.stderr)
    return {"static_file": static, "rows": rows}


def run(options: argparse.Namespace) -> dict:
    sys.path.insert(0, str(BENCH))
    from search_bench import drop_database, fresh_database

    vendor = "postgresql" if os.environ.get("CINECAT_DATABASE_URL") else "sqlite"
    with tempfile.TemporaryDirectory(prefix="cinecat-stats-bench-") as data_dir:
        os.environ["CINECAT_DATA_DIR"] = data_dir
        os.environ["DJANGO_SETTINGS_MODULE"] = "cinecat.settings"
        url = fresh_database(vendor, Path(data_dir))
        if url:
            os.environ["CINECAT_BENCH_ADMIN_URL"] = os.environ["CINECAT_DATABASE_URL"]
            os.environ["CINECAT_DATABASE_URL"] = url
        try:
            print(f"building {options.size:,} copies on {vendor} …", file=sys.stderr)
            built = build(options.size)
            print(f"built in {built['build_s']} s; measuring …", file=sys.stderr)
            result = {"vendor": vendor, "size": options.size, "build": built}
            result.update(measure(options))
        finally:
            if url:
                from django.db import connections

                connections.close_all()
                drop_database(url)
    result["settings"] = {
        "reps": options.reps,
        "cached_reps": options.cached_reps,
        "warmup": options.warmup,
    }
    result["environment"] = {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }
    return result


def report(result: dict) -> None:
    def mark(met: bool) -> str:
        return "ok" if met else "MISSED"

    print(
        f"\n{result['size']:,} copies on {result['vendor']} (built in "
        f"{result['build']['build_s']} s); a static file over HTTP: "
        f"p50 {result['static_file']['p50_ms']} ms, p95 {result['static_file']['p95_ms']} ms"
    )
    print(
        f"\n{'page':<28} {'SQL':>4} {'cold p50':>9} {'p95':>8} {'cached p50':>11} {'p95':>7} "
        f"{'SQL floor p50':>14} {'cold/floor':>10}"
    )
    for row in result["rows"]:
        cold, cached, raw = row["cold"], row["cached"], row["sql_floor"]
        print(
            f"{row['name'][:28]:<28} {row['sql_statements']:>4} {cold['p50_ms']:>9} "
            f"{cold['p95_ms']:>8} {cached['p50_ms']:>11} {cached['p95_ms']:>7} "
            f"{raw['p50_ms']:>14} {row['cold_over_floor']:>9}x  "
            f"cold < {TARGET_COLD_MS:.0f} ms {mark(row['cold_met'])}, "
            f"cached < {TARGET_CACHED_MS:.0f} ms {mark(row['cached_met'])}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="copies (default 100,000)")
    parser.add_argument("--reps", type=int, default=20, help="timed cold runs per page")
    parser.add_argument("--cached-reps", type=int, default=50, help="timed cached runs")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first")
    # `make bench` passes every benchmark the same options: another's are set aside, named.
    options, others = parser.parse_known_args(argv)
    if others:
        print(f"stats_bench leaves aside {' '.join(others)}", file=sys.stderr)
    result = run(options)
    report(result)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"stats-{result['vendor']}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwrote {out.relative_to(BENCH.parent)}")


if __name__ == "__main__":
    main()
