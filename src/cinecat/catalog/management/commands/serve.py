"""cinecat serve: the production WSGI server (waitress), static files included."""

import subprocess
import sys
import threading

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve cinecat over HTTP with a multi-threaded production server."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument("--threads", type=int, default=8, help="worker threads")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start a background worker (run `cinecat db_worker` elsewhere)",
        )

    def handle(self, *args, host: str, port: int, threads: int, no_worker: bool, **options):
        from waitress import serve

        from cinecat.wsgi import application

        worker = None if no_worker else self._start_worker()
        threading.Thread(target=housekeeping, daemon=True, name="housekeeping").start()
        shown = f"[{host}]" if ":" in host else host
        self.stdout.write(f"cinecat is serving on http://{shown}:{port}/ (Ctrl+C stops it)")
        try:
            serve(application, host=host, port=port, threads=threads, ident="cinecat")
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)

    def _start_worker(self) -> subprocess.Popen:
        """The process that runs imports in the background, for as long as the server runs."""
        command = [sys.executable, "-m", "cinecat.cli", "db_worker", "--no-startup-delay"]
        self.stdout.write("Background worker started (imports run there).")
        return subprocess.Popen(command)


HOUSEKEEPING_HOURS = 6


def housekeeping(stop: threading.Event | None = None) -> None:
    """Ask the worker to purge the expired trash now and every few hours, while serving (with
    several servers each asks: a purge finds nothing the second time)."""
    from cinecat.catalog.tasks import purge_expired_trash

    stop = stop or threading.Event()
    while True:
        purge_expired_trash.enqueue()
        if stop.wait(HOUSEKEEPING_HOURS * 3600):
            return
