"""`cinecat serve` keeps its worker: a worker that stops is started again, a lock outlasting
the busy timeout stops no worker, an import whose worker was killed ends failed saying so,
and a server that ends — even by SIGKILL — leaves no worker behind."""

import os
import signal
import socket
import sqlite3
import subprocess
import time

import pytest

from tests.conftest import REFERENCE
from tests.interchange.test_interrupted_import import big_dvdprofiler_file
from tests.serving import (
    CINECAT,
    Server,
    cinecat,
    environment,
    query,
    running,
    wait_for,
)

QUEUE_IMPORT = """
import sys, django
django.setup()
from django.core.files import File
from cinecat.catalog.models import Collection
from cinecat.interchange.uploads import accept_upload
collection, _ = Collection.objects.get_or_create(slug="alice", defaults={"name": "Alice"})
with open(sys.argv[1], "rb") as handle:
    job = accept_upload(collection, File(handle, name="big.xml"), format_key="",
                        on_duplicate="update", keep_going=False, maps_columns=False)
print(job.pk)
"""


@pytest.fixture
def data_dir(tmp_path):
    cinecat(environment(tmp_path), "migrate", "-v0")
    return tmp_path


@pytest.fixture
def server(data_dir):
    serving = Server(data_dir)
    yield serving
    serving.stop()


def queue_import(data_dir, path) -> int:
    env = {**environment(data_dir), "DJANGO_SETTINGS_MODULE": "cinecat.settings"}
    done = subprocess.run(
        [CINECAT[0], "-c", QUEUE_IMPORT, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split()[-1])


def job_state(data_dir, job: int) -> tuple[str, str, str]:
    sql = "SELECT status, error, upload FROM interchange_importjob WHERE id=?"
    (row,) = query(data_dir, sql, job)
    return row


def test_a_worker_that_stops_is_started_again_and_the_server_says_so(server):
    first = wait_for(server.worker, what="a worker")
    os.kill(first, signal.SIGKILL)
    second = wait_for(lambda: (pid := server.worker()) and pid != first and pid)
    assert running(second) and not running(first)
    assert "The background worker stopped (exit code -9); starting it again" in server.output()


def test_a_server_killed_with_sigkill_leaves_no_worker_behind(server):
    worker = wait_for(server.worker, what="a worker")
    server.process.send_signal(signal.SIGKILL)
    server.process.wait()
    wait_for(lambda: not running(worker), 15, "the worker to stop with its server")


def test_a_server_stopped_with_sigterm_stops_its_worker_and_ends_cleanly(server):
    worker = wait_for(server.worker, what="a worker")
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=40) == 0
    assert not running(worker)
    assert "Traceback" not in server.output()


def test_the_worker_lasts_through_a_lock_held_past_the_busy_timeout(data_dir):
    # A busy timeout of 2 s: the lock outlasts it several times (the benchmark holds one 60 s
    # past the default 20).
    server = Server(data_dir, env=environment(data_dir, CINECAT_DB_BUSY_SECONDS="2"))
    try:
        lasts_through_a_lock(server, data_dir)
    finally:
        server.stop()


def lasts_through_a_lock(server, data_dir):
    worker = wait_for(server.worker, what="a worker")
    time.sleep(2)  # the worker is polling the queue
    holder = sqlite3.connect(data_dir / "cinecat.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        wait_for(lambda: "database is locked" in server.output(), 40, "the worker to meet it")
        time.sleep(5)  # past the busy timeout again, twice
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert server.worker() == worker  # the same process, still running
    assert "Traceback" not in server.output()
    job = queue_import(data_dir, REFERENCE)
    wait_for(lambda: job_state(data_dir, job)[0] == "done", 60, "the import after the lock")


def test_an_import_whose_worker_is_killed_ends_failed_saying_so_and_keeps_its_file(
    server, data_dir
):
    source = data_dir / "big.xml"
    big_dvdprofiler_file(source, 40_000)
    job = queue_import(data_dir, source)
    running_task = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status='RUNNING'"
    wait_for(lambda: query(data_dir, running_task)[0][0], 60, "the import to start")
    time.sleep(2)  # rows are being written
    os.kill(server.worker(), signal.SIGKILL)

    status, error, upload = wait_for(
        lambda: (state := job_state(data_dir, job))[0] == "failed" and state, 60, "the failure"
    )
    assert "The worker stopped while this import ran" in error
    assert "nothing of it was kept" in error
    assert upload and (data_dir / "media" / upload).exists()
    assert query(data_dir, running_task) == [(0,)]  # the task is settled too
    assert query(data_dir, "SELECT count(*) FROM catalog_copy") == [(0,)]
    wait_for(server.worker, what="the worker to be back")


def test_a_body_past_the_upload_limit_is_refused_before_it_is_sent(data_dir):
    serving = Server(data_dir, env=environment(data_dir, CINECAT_MAX_UPLOAD_MB="1"))
    try:
        with socket.create_connection(("127.0.0.1", serving.port), timeout=10) as connection:
            connection.sendall(
                b"POST /c/alice/import/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: multipart/form-data; boundary=x\r\n"
                b"Content-Length: 524288000\r\n\r\n" + b"x" * 65536
            )
            answer = connection.recv(4096).decode("latin-1")
    finally:
        serving.stop()
    assert answer.startswith("HTTP/1.1 413")


def test_a_request_for_another_host_is_refused_with_one_line_in_the_log(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        answer = connection.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.1 400")
    wait_for(lambda: "evil.example" in server.output(), 10, "the log line")
    log = server.output()
    assert "Invalid HTTP_HOST header: 'evil.example'" in log
    assert "Traceback" not in log
    assert len([line for line in log.splitlines() if "evil.example" in line]) == 1
