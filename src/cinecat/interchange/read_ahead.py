"""Reading a big file in a second process while this one stores what has been read.

An import spends about a third of its time in the format's reader (parsing, building records)
and the rest writing to the database. On Linux with more than one core the two overlap: the
reader runs in a forked child that sends its records through a pipe, a batch at a time, with
how far into the file it has read (for progress). The child ends when the file is read, when
the import stops early (its pipe is closed), or when the importing process dies (the pipe
breaks on the child's next send), so a killed import leaves no reader behind.

What the child raises reaches the consumer after the records read before it, as reading in
process would have it: a ``FormatError`` keeps its message, line and entry.
"""

import contextlib
import multiprocessing
import os
import pickle
import signal
import traceback
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Protocol

from cinecat.catalog.records import Record

from .formats.base import FormatError

# Below this a file reads in a second or two: a child process would not pay for itself.
MIN_BYTES = 8 * 1024 * 1024
BATCH = 250  # records a message
PIPE_BYTES = 1024 * 1024  # Linux's default ceiling for a pipe's buffer
_RECORDS, _DONE, _FAILED = "records", "done", "failed"


class Progress(Protocol):
    """How far the reader has gone: ``count``, the bytes read so far (a CountingReader)."""

    count: int


def worth_it(size: int) -> bool:
    """Whether a file of ``size`` bytes is better read in a second process, on this machine
    (and in this process: a daemonic one may not start children).

    Only on Linux: elsewhere forking a process that has loaded system frameworks is not safe
    (macOS), or there is no fork at all (Windows)."""
    if size < MIN_BYTES or not hasattr(os, "sched_getaffinity"):
        return False
    return len(os.sched_getaffinity(0)) > 1 and not multiprocessing.current_process().daemon


def read_ahead(records: Iterator[Record], progress: Progress) -> Iterator[Record]:
    """``records``, produced in a child process; ``progress.count`` follows the child's.

    ``records`` must not have been started: the child iterates it, this process never does.
    """
    context = multiprocessing.get_context("fork")  # the child inherits the open stream
    receiving, sending = context.Pipe(duplex=False)
    _widen(sending)
    child = context.Process(
        target=_produce, args=(records, progress, sending, receiving), daemon=True
    )
    child.start()
    sending.close()
    try:
        while True:
            try:
                kind, batch, count, error = pickle.loads(receiving.recv_bytes())
            except EOFError:
                raise FormatError("the file's reader stopped before the end of the file") from None
            progress.count = count
            yield from batch
            if kind == _FAILED:
                raise error
            if kind == _DONE:
                return
    finally:
        receiving.close()  # a child still reading gets a broken pipe and ends
        child.join(timeout=10)
        if child.is_alive():
            child.kill()
            child.join()


def _widen(sending: Connection) -> None:
    """Let the child run a writer's batch or two ahead: a pipe holds 64 KiB, a few records."""
    import fcntl  # POSIX only, as is this module's use

    with contextlib.suppress(OSError):  # the system's limit (fs.pipe-max-size) may be lower
        fcntl.fcntl(sending.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _produce(
    records: Iterator[Record], progress: Progress, sending: Connection, receiving: Connection
) -> None:
    receiving.close()  # else the pipe would never break when the importing process goes
    # Ctrl-C reaches the whole process group: the importing process handles it, and this one
    # ends when its pipe closes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the import stopped
        for message in _messages(records, progress):
            sending.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def _messages(records: Iterator[Record], progress: Progress) -> Iterator[tuple]:
    """(kind, records, bytes read, error): batches of records, then the last one, done or
    failed with what the reader raised."""
    batch: list[Record] = []
    try:
        for record in records:
            batch.append(record)
            if len(batch) == BATCH:
                yield _RECORDS, batch, progress.count, None
                batch = []
    except Exception as exc:
        yield _FAILED, batch, progress.count, _portable(exc)
        return
    yield _DONE, batch, progress.count, None


def _portable(exc: Exception) -> Exception:
    """The exception as it can cross the pipe, with the child's traceback as a note."""
    exc.add_note("".join(traceback.format_exception(exc)).rstrip())
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"the file's reader failed: {exc!r}\n{exc.__notes__[-1]}")
    return exc
