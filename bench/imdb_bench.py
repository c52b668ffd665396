"""How fast ``cinecat reference import-imdb`` loads IMDb's datasets, and in how much memory.

    python bench/imdb_bench.py [--scale 0.01] [--database-url postgres://…]

Generates the seven files in the real format and of realistic shape (``generate_imdb``: the
mix of title kinds, other titles, principals, crew, ratings and episodes per title of the real
datasets), their row counts scaled from the real set's (``--scale 0.01``: a hundredth), kept
in bench/results/ for the next run. Then, in a fresh data directory (SQLite, or the database
given), runs ``cinecat migrate`` and ``cinecat reference import-imdb DIR`` as a user does: the
installed ``cinecat`` command in a process of its own, whose whole process tree's resident
memory is sampled (/proc) every 20 ms. Reports, per file, lines read and rows kept per second,
the projected time for the real set (each file's lines at its measured rate), and the peak RSS.
Writes bench/results/imdb.json.
"""

import argparse
import contextlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from generate_imdb import REAL_LINES, generate  # beside this script

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
CINECAT = Path(sys.executable).with_name("cinecat")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.01, help="of the real row counts")
    parser.add_argument("--database-url", help="load into this database instead of SQLite")
    options, _ = parser.parse_known_args(argv)  # `make bench` passes every bench's options
    source = RESULTS / f"imdb-{options.scale:g}"
    if not (source / "name.basics.tsv.gz").exists():
        print(f"generating {source.name}/ …", file=sys.stderr)
        generate(source, options.scale)
    report(run(source, options.scale, options.database_url))


def run(source: Path, scale: float, database_url: str | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="cinecat-imdb-bench-") as data_dir:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CINECAT_")}
        env["CINECAT_DATA_DIR"] = data_dir
        if database_url:
            env["CINECAT_DATABASE_URL"] = database_url
        subprocess.run([CINECAT, "migrate", "--no-input", "-v0"], env=env, check=True)
        started = time.perf_counter()
        process = subprocess.Popen(
            [CINECAT, "reference", "import-imdb", str(source), "--reload"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        peak = _Peak(process.pid)
        out, err = process.communicate()
        seconds = time.perf_counter() - started
        peak.stop()
        if process.returncode:
            raise SystemExit(f"the load failed:\n{err}")
    files = _parse(out)
    return {
        "scale": scale,
        "database": "postgresql" if database_url else "sqlite",
        "files_mb": round(sum(p.stat().st_size for p in source.glob("*.gz")) / 1e6, 1),
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak.peak / 1e6, 1),
        "files": files,
        "projected_real_minutes": round(
            sum(REAL_LINES[name] / f["lines_per_s"] for name, f in files.items()) / 60, 1
        ),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
    }


_SUMMARY = re.compile(
    r"^(?P<name>[a-z.]+): (?P<lines>[\d,]+) lines? read, (?P<rows>[\d,]+) rows? kept.*? "
    r"in (?P<seconds>[\d.]+) s, (?P<rate>[\d,]+) lines/s",
    re.MULTILINE,
)


def _parse(out: str) -> dict:
    """The command's summary lines; its rate is of the exact time, its seconds are rounded."""
    files = {}
    for match in _SUMMARY.finditer(out):
        lines, rows, rate = (int(match[key].replace(",", "")) for key in ("lines", "rows", "rate"))
        files[match["name"]] = {
            "lines": lines,
            "rows": rows,
            "seconds": float(match["seconds"]),
            "lines_per_s": rate,
            "rows_per_s": round(rows * rate / lines) if lines else 0,
        }
    return files


class _Peak:
    """The largest resident memory of a process and all its descendants, sampled."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.running = pid, 0, True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.running = False
        self.thread.join()

    def _sample(self) -> None:
        while self.running:
            self.peak = max(self.peak, sum(_rss(pid) for pid in _tree(self.pid)))
            time.sleep(0.02)


def _tree(pid: int) -> list[int]:
    found, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):  # the child ended meanwhile
                waiting += [int(child) for child in task.read_text().split()]
    return found


def _rss(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match[1]) * 1024 if match else 0


def report(result: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "imdb.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"IMDb load at scale {result['scale']:g} ({result['files_mb']} MB of .tsv.gz) into "
          f"{result['database']}: {result['seconds']} s, "
          f"peak RSS {result['peak_rss_mb']} MB")  # fmt: skip
    print(f"{'file':<18}{'lines':>12}{'rows kept':>12}{'s':>8}{'lines/s':>11}{'rows/s':>10}")
    for name, f in result["files"].items():
        print(f"{name:<18}{f['lines']:>12,}{f['rows']:>12,}{f['seconds']:>8.1f}"
              f"{f['lines_per_s']:>11,}{f['rows_per_s']:>10,}")  # fmt: skip
    print(f"projected for the real datasets ({sum(REAL_LINES.values()) / 1e6:.0f} M lines): "
          f"{result['projected_real_minutes']} minutes")  # fmt: skip


if __name__ == "__main__":
    main()
