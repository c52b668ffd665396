"""A file format's writer as a stream of bytes: an export is sent as it is written.

A writer pushes bytes into a stream; a response pulls them. The writer runs in a thread of
its own, taking records from a short queue; the records are read from the database in the
request's thread (its connection, its transaction), handed over one by one, and what the
writer has written so far is sent between them. Memory stays that of a few records, however
large the export; a client that goes away stops the writer at its next record.
"""

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

_END = object()
_AHEAD = 64  # records handed to the writer before it has written them


class _Gone(Exception):
    """The response was closed before the writer was done."""


class _Sink:
    """The writer's stream: what it writes goes to the response."""

    def __init__(self) -> None:
        self.written: queue.SimpleQueue = queue.SimpleQueue()

    def write(self, data: bytes) -> int:
        if data:
            self.written.put(bytes(data))
        return len(data)

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    def flush(self) -> None:
        return None

    @property
    def closed(self) -> bool:
        return False


def streamed(write: Callable[[Iterable, BinaryIO], None], records: Iterable) -> Iterator[bytes]:
    """What ``write(records, stream)`` writes, chunk by chunk, as it writes it."""
    handed: queue.Queue = queue.Queue(maxsize=_AHEAD)
    sink, failure = _Sink(), []

    def taken() -> Iterator:
        while (record := handed.get()) is not _END:
            if record is _Gone:
                raise _Gone
            yield record

    def run() -> None:
        try:
            write(taken(), sink)
        except _Gone:
            pass
        except BaseException as exc:  # raised again in the request's thread
            failure.append(exc)
        finally:
            sink.written.put(_END)

    writer = threading.Thread(target=run, name="export-writer", daemon=True)
    writer.start()
    try:
        for record in records:
            _hand(handed, record, writer)
            yield from _drain(sink, failure)
        _hand(handed, _END, writer)
        while (chunk := sink.written.get()) is not _END:
            yield chunk
        if failure:
            raise failure[0]
    finally:
        if writer.is_alive():
            _hand(handed, _Gone, writer)
            writer.join(timeout=5)


def _hand(handed: queue.Queue, item, writer: threading.Thread) -> None:
    """Give the writer ``item``, unless it stopped (then it takes no more)."""
    while writer.is_alive():
        try:
            handed.put(item, timeout=0.5)
            return
        except queue.Full:
            continue


def _drain(sink: _Sink, failure: list) -> Iterator[bytes]:
    while True:
        try:
            chunk = sink.written.get_nowait()
        except queue.Empty:
            return
        if chunk is _END:
            if failure:
                raise failure[0]
            sink.written.put(_END)  # for the final read
            return
        yield chunk
