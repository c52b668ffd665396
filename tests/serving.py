"""`cinecat serve` as a user runs it: a process of its own on a free loopback port, in a data
dir of its own, with its worker; and the processes it runs."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

CINECAT = [sys.executable, "-m", "cinecat.cli"]


def environment(data_dir: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CINECAT_")}
    return {**env, "CINECAT_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1", **more}


def cinecat(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CINECAT, *args], env=env, capture_output=True, text=True, check=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], object], seconds: float = 60, what: str = "") -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.1)
    raise AssertionError(f"still waiting after {seconds} s: {what or condition}")


class Server:
    """A running `cinecat serve`; its output goes to ``log``."""

    def __init__(self, data_dir: Path, *extra: str, env: dict | None = None) -> None:
        self.env = env or environment(data_dir)
        self.port = free_port()
        self.log = data_dir / "serve.log"
        self._out = self.log.open("w")
        self.process = subprocess.Popen(
            [*CINECAT, "serve", "--port", str(self.port), *extra],
            env=self.env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self._answers, what="the server to answer")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def worker(self) -> int | None:
        """The pid of the serving process's worker, if one runs."""
        found = [pid for pid in children_of(self.process.pid) if "db_worker" in command_of(pid)]
        return found[0] if found else None

    def output(self) -> str:
        return self.log.read_text()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._out.close()


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # a process that ended meanwhile
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def command_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def query(data_dir: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(data_dir / "cinecat.sqlite3", timeout=30) as connection:
        return connection.execute(sql, args).fetchall()
