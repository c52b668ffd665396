"""An import killed half-way (kill -9, Ctrl-C) leaves the catalog as it was, and no reader."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from cinecat.interchange import read_ahead

CINECAT = [sys.executable, "-c", "from cinecat.cli import main; main()"]


def big_dvdprofiler_file(path: Path, entries: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<Collection>\n')
        for n in range(1, entries + 1):
            out.write(
                f"<DVD><ID>M{n}.1</ID><Title>Film number {n}</Title>"
                f"<CollectionNumber>{n}</CollectionNumber><ProductionYear>1990</ProductionYear>"
                "<Genres><Genre>Drama</Genre></Genres><Actors>"
                + "".join(
                    f'<Actor FirstName="Actor" LastName="{n % 97}-{a}" Role="Role {a}"/>'
                    for a in range(10)
                )
                + "</Actors></DVD>\n"
            )
        out.write("</Collection>\n")


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rpartition(")")[2].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # a process that ended meanwhile
        if parent == pid:
            found.append(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CINECAT, *args], env=env, capture_output=True, text=True, check=True)


def start_a_big_import(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    """A catalog holding the reference DVD, and an import of 40,000 entries under way (rows
    are being written), in a session of its own; with the import's reading processes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CINECAT_")}
    env["CINECAT_DATA_DIR"] = str(tmp_path)
    run(env, "migrate", "-v0")
    run(
        env,
        "import",
        str(Path(__file__).resolve().parents[3] / "shared/seeds/the-death-of-stalin.clz-page.txt"),
    )
    source = tmp_path / "big.xml"
    big_dvdprofiler_file(source, 40_000)
    wal = tmp_path / "cinecat.sqlite3-wal"
    start = wal.stat().st_size if wal.exists() else 0

    importing = subprocess.Popen(
        [*CINECAT, "import", str(source)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a process group of its own, as a terminal's Ctrl-C reaches
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and importing.poll() is None:
        if wal.exists() and wal.stat().st_size > start + 2_000_000:
            break  # rows are being written
        time.sleep(0.05)
    assert importing.poll() is None, "the import ended before it could be interrupted"
    readers = children_of(importing.pid)
    if read_ahead.worth_it(source.stat().st_size):
        assert readers, "a file this big is read in a second process"
    return importing, readers


def assert_unchanged_and_no_reader_left(tmp_path: Path, readers: list[int]) -> None:
    deadline = time.monotonic() + 20
    while any(running(pid) for pid in readers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(running(pid) for pid in readers), "the reader outlived the import"
    with sqlite3.connect(tmp_path / "cinecat.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM catalog_copy").fetchone() == (1,)
        assert connection.execute("SELECT count(*) FROM catalog_work").fetchone() == (1,)


def test_killing_an_import_midway_leaves_the_catalog_unchanged(tmp_path):
    importing, readers = start_a_big_import(tmp_path)
    importing.send_signal(signal.SIGKILL)
    importing.wait()
    assert_unchanged_and_no_reader_left(tmp_path, readers)


def test_ctrl_c_stops_an_import_with_a_message_and_leaves_the_catalog_unchanged(tmp_path):
    importing, readers = start_a_big_import(tmp_path)
    os.killpg(importing.pid, signal.SIGINT)  # the whole group, as a terminal sends it
    _, errors = importing.communicate(timeout=60)
    assert importing.returncode == 130
    assert "interrupted. Nothing was imported." in errors
    assert "Traceback" not in errors  # neither the importing nor the reading process's
    assert_unchanged_and_no_reader_left(tmp_path, readers)
