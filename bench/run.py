"""``make bench``: run each benchmark script in turn, passing the options on.

python bench/run.py                    # every benchmark, at its default size
python bench/run.py import --size 10000
"""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
BENCHMARKS = {
    "import": "import_bench.py",
    "search": "search_bench.py",
    "stats": "stats_bench.py",
    "imdb": "imdb_bench.py",
    "load": "load_bench.py",
}


def main(argv: list[str]) -> int:
    names = [arg for arg in argv if arg in BENCHMARKS] or list(BENCHMARKS)
    options = [arg for arg in argv if arg not in BENCHMARKS]
    for name in names:
        print(f"== {name}", flush=True)
        done = subprocess.run(
            [sys.executable, str(BENCH / BENCHMARKS[name]), *options], check=False
        )
        if done.returncode:
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
