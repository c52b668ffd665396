"""Background workers: whether one is alive and what it runs, and what is done when one is lost.

A worker (``cinecat db_worker``) says every few seconds, in a file of the data dir's
``workers/`` (shared by every server, as ``media/`` and ``cache/`` are), that it is alive and
which task it runs (``beat``): a file, not the cache, which drops entries when it is full.
A task the queue says is running whose worker has not said so lately was lost with it
(killed, out of memory, its machine gone):
the apps that queue work subscribe (``on_lost``) to settle what such a task leaves behind —
an import says it failed, and why. ``cinecat serve`` asks for that as soon as the worker it
supervises stops (``lost``), and every minute for workers elsewhere (``sweep``).
"""

import ctypes
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

BEAT_SECONDS = 5
# A worker silent for this long is gone: six beats missed (a busy machine delays a few).
SILENT_SECONDS = 30

Settle = Callable[[set[str]], None]  # told the ids of workers known gone (empty: find them)
_settlers: list[Settle] = []


def _file(worker_id: str) -> Path:
    # Worker ids are the queue's own (letters and digits); anything else is no file name.
    name = "".join(c for c in worker_id if c.isascii() and (c.isalnum() or c in "-_"))
    return Path(settings.DATA_DIR) / "workers" / (name or "unnamed")


def beat(worker_id: str, task_id: str | None) -> None:
    """Say that ``worker_id`` is alive, running ``task_id`` (or nothing)."""
    path = _file(worker_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    partial.write_text(task_id or "")
    partial.replace(path)  # whole, never half written


def running(worker_id: str) -> str | None | bool:
    """What the worker said it runs lately: a task id, None (nothing), False (silent: gone)."""
    path = _file(worker_id)
    try:
        said, when = path.read_text(), path.stat().st_mtime
    except OSError:
        return False
    if time.time() - when > SILENT_SECONDS:
        return False
    return said or None


def gone(worker_id: str) -> None:
    """Forget a worker that stopped: it runs nothing any more."""
    _file(worker_id).unlink(missing_ok=True)


def on_lost(settle: Settle) -> None:
    """Call ``settle`` when workers are lost (an app's ``ready()`` subscribes)."""
    if settle not in _settlers:
        _settlers.append(settle)


def lost(worker_ids: set[str]) -> None:
    """These workers stopped: settle what they ran."""
    for worker_id in worker_ids:
        gone(worker_id)
    for settle in _settlers:
        settle(set(worker_ids))


def sweep() -> None:
    """Settle what workers that went silent ran."""
    for settle in _settlers:
        settle(set())


class Heart(threading.Thread):
    """Beats for a worker while its process lives, saying which task it runs."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.task_id: str | None = None
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                beat(self.worker_id, self.task_id)
            except Exception:  # a full disk must not stop the work; the next beat may pass
                logger.warning("The worker could not say it is alive", exc_info=True)
            self.stopped.wait(BEAT_SECONDS)


# -- a worker started by serve stops with it ---------------------------------------------

_PR_SET_PDEATHSIG = 1


def die_with(parent: int, on_parent_death: Callable[[], None]) -> None:
    """Stop this process when ``parent`` ends, however it ends (even by SIGKILL): on Linux
    the kernel sends SIGTERM at once (prctl PR_SET_PDEATHSIG); everywhere a watchdog thread
    sees this process handed to another parent. Either calls ``on_parent_death``."""

    def orphaned() -> bool:
        return os.getppid() != parent

    previous = signal.getsignal(signal.SIGTERM)

    def on_term(signum, frame) -> None:
        if orphaned():
            on_parent_death()
        elif callable(previous):
            previous(signum, frame)
        else:
            sys.exit(0)

    signal.signal(signal.SIGTERM, on_term)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):  # the watchdog is enough
            logger.info("PR_SET_PDEATHSIG is not available; a watchdog follows the server")
    if orphaned():  # it ended before the request was made
        on_parent_death()

    def watch() -> None:
        while not orphaned():
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()
