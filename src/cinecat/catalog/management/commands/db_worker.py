"""cinecat db_worker: django-tasks-db's worker, made to last.

- A database locked past its busy timeout (an import elsewhere holding SQLite's write lock,
  a long VACUUM) stops nothing: the worker says so in its log, waits and carries on, however
  long the lock lasts. The library's worker let the error end the process for good.
- It says it is alive and what it runs (``core.workers``), so that a task it was running when
  it was killed is known lost and settled (an import then ends failed, saying why).
- Started by ``cinecat serve`` (``--parent-pid``), it stops when the server does, even when
  the server was killed with SIGKILL.
"""

import logging
import time

from django.db import OperationalError, close_old_connections
from django_tasks_db.management.commands import db_worker
from django_tasks_db.utils import is_locked_database_exception

from cinecat.core import workers

logger = logging.getLogger("cinecat.worker")

# How long the worker waits before asking again when the database is locked, at most.
LOCKED_WAIT_SECONDS = 5


class LastingWorker(db_worker.Worker):
    def __init__(self, *, parent_pid: int | None, **options) -> None:
        super().__init__(**options)
        self.parent_pid = parent_pid
        self.heart = workers.Heart(self.worker_id)

    def configure_signals(self) -> None:
        super().configure_signals()
        if self.parent_pid:
            workers.die_with(self.parent_pid, self._parent_died)

    def _parent_died(self) -> None:
        logger.warning("The server that started this worker stopped: the worker stops too.")
        self.running = False
        raise SystemExit(1)

    def run(self) -> None:
        self.heart.start()
        waited = 0.0
        try:
            while self.running:
                try:
                    super().run()
                    return  # --batch or --max-tasks: done
                except OperationalError as exc:
                    if not is_locked_database_exception(exc):
                        raise
                    waited = min(max(waited * 2, 0.5), LOCKED_WAIT_SECONDS)
                    logger.warning(
                        "The database is locked by another writer; the worker asks again in "
                        "%.1f s.",
                        waited,
                    )
                    close_old_connections()
                    time.sleep(waited)
                    self.startup_delay = False
        finally:
            self.heart.stopped.set()
            workers.gone(self.worker_id)

    def run_task(self, db_task_result) -> None:
        self.heart.task_id = str(db_task_result.id)
        workers.beat(self.worker_id, self.heart.task_id)
        try:
            super().run_task(db_task_result)
        finally:
            self.heart.task_id = None
            workers.beat(self.worker_id, None)


class Command(db_worker.Command):
    help = "Run a background worker (imports and housekeeping), lasting through a locked database."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--parent-pid",
            type=int,
            default=None,
            help="stop when this process (the server that started the worker) ends",
        )

    def handle(self, *, parent_pid: int | None = None, **options) -> None:
        original = db_worker.Worker
        db_worker.Worker = lambda **kwargs: LastingWorker(parent_pid=parent_pid, **kwargs)
        try:
            super().handle(**options)
        finally:
            db_worker.Worker = original
