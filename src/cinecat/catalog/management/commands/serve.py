"""cinecat serve: the production WSGI server (waitress), static files included, and the
background worker it supervises."""

import logging
import os
import signal
import subprocess
import sys
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from cinecat.core import workers
from cinecat.core.limits import max_body_bytes

logger = logging.getLogger("cinecat.serve")


class Command(BaseCommand):
    help = "Serve cinecat over HTTP with a multi-threaded production server."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument(
            "--threads",
            type=int,
            default=None,
            help="worker threads (default: CINECAT_THREADS)",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start a background worker (run `cinecat db_worker` elsewhere)",
        )

    def handle(self, *args, host: str, port: int, threads: int | None, no_worker: bool, **options):
        from waitress import serve

        from cinecat.wsgi import application

        # SIGTERM (systemd, docker stop) ends the server as Ctrl+C does: the worker is stopped.
        signal.signal(signal.SIGTERM, _stop_serving)
        supervisor = None if no_worker else Supervisor(self.stdout)
        if supervisor:
            supervisor.start()
        threading.Thread(target=housekeeping, daemon=True, name="housekeeping").start()
        shown = f"[{host}]" if ":" in host else host
        self.stdout.write(f"cinecat is serving on http://{shown}:{port}/ (Ctrl+C stops it)")
        try:
            serve(
                application,
                host=host,
                port=port,
                threads=threads or settings.CINECAT_THREADS,
                connection_limit=settings.CINECAT_CONNECTION_LIMIT,
                channel_timeout=settings.CINECAT_CHANNEL_TIMEOUT,
                max_request_body_size=max_body_bytes(),
                ident="cinecat",
            )
        except KeyboardInterrupt:
            pass
        finally:
            if supervisor:
                supervisor.stop()


def _stop_serving(signum, frame) -> None:
    raise KeyboardInterrupt


# The worker is started again after a pause that doubles each time it stops soon after it
# started, up to a minute; one that ran for a while is started again at once.
FIRST_PAUSE, LONGEST_PAUSE, STEADY_SECONDS = 1.0, 60.0, 60.0


class Supervisor(threading.Thread):
    """Runs the background worker for as long as the server runs, starting it again whenever
    it stops, and settling what it was running when it stopped."""

    def __init__(self, out) -> None:
        super().__init__(name="worker-supervisor", daemon=True)
        self.out = out
        self.stopping = threading.Event()
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def command(self, worker_id: str) -> list[str]:
        return [
            *(sys.executable, "-m", "cinecat.cli", "db_worker", "--no-startup-delay"),
            *("--worker-id", worker_id, "--parent-pid", str(os.getpid())),
        ]

    def run(self) -> None:
        pause = FIRST_PAUSE
        while not self.stopping.is_set():
            worker_id = get_random_string(32)
            started = time.monotonic()
            # Started from this thread, which lives as long as the server: the worker's
            # PR_SET_PDEATHSIG follows the thread that started it.
            self.process = subprocess.Popen(self.command(worker_id))
            self.starts += 1
            self.out.write(
                f"Background worker started (process {self.process.pid}; imports run there)."
            )
            code = self.process.wait()
            if self.stopping.is_set():
                return
            _settle(worker_id)
            pause = FIRST_PAUSE if time.monotonic() - started > STEADY_SECONDS else pause
            logger.warning(
                "The background worker stopped (exit code %s); starting it again in %.0f s.",
                code,
                pause,
            )
            if self.stopping.wait(pause):
                return
            pause = min(pause * 2, LONGEST_PAUSE)

    def stop(self) -> None:
        self.stopping.set()
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()  # the worker finishes the task it runs, then stops
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _settle(worker_id: str) -> None:
    try:
        workers.lost({worker_id})
    except Exception:  # settled at the next sweep instead
        logger.exception("What the stopped worker ran could not be settled yet")


HOUSEKEEPING_HOURS = 6
SWEEP_SECONDS = 60


def housekeeping(stop: threading.Event | None = None) -> None:
    """While serving: ask the worker to purge the expired trash now and every few hours (with
    several servers each asks: a purge finds nothing the second time), and settle every
    minute what lost workers left (an import running in a worker that was killed)."""
    from cinecat.catalog.tasks import purge_expired_trash

    stop = stop or threading.Event()
    purged = None
    while True:
        if purged is None or time.monotonic() - purged > HOUSEKEEPING_HOURS * 3600:
            _quietly(purge_expired_trash.enqueue)
            purged = time.monotonic()
        _quietly(workers.sweep)
        if stop.wait(SWEEP_SECONDS):
            return


def _quietly(work) -> None:
    try:
        work()
    except Exception:  # a locked database now is no reason to stop keeping house
        logger.warning("Housekeeping will try again: %s failed", work.__name__, exc_info=True)
