"""How the benchmark measures: SQL queries and server CPU per request in this process, and requests
per second and latencies against a real gunicorn under load from several threads."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from inventory_database import ROOT


def count_queries(paths: list[tuple[str, str, str]], session: str, token: str) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies["sessionid"] = session
    counts = {}
    for name, path, kind in paths:
        extra: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if kind == "api" else {}
        client.get(path, **extra)  # warm up
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, **extra)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = len(captured.captured_queries)
    return counts


def cpu_per_request(
    paths: list[tuple[str, str, str]], session: str, token: str, repeat: int = 40
) -> dict[str, float]:
    """Server CPU milliseconds per request, measured in this process through the WSGI handler.

    Unlike requests per second, this hardly changes when other programs load the machine.
    """
    import io

    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()

    def call(path: str, kind: str) -> None:
        route, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "wsgi.input": io.BytesIO(),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
        }
        if kind == "api":
            environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        else:
            environ["HTTP_COOKIE"] = f"sessionid={session}"
        statuses: list[str] = []

        def start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
            statuses.append(status)

        b"".join(application(environ, start_response))
        if not statuses[0].startswith("200"):
            raise RuntimeError(f"{path}: {statuses[0]}")

    result = {}
    for name, path, kind in paths:
        call(path, kind)
        started = time.process_time()
        for _ in range(repeat):
            call(path, kind)
        result[name] = (time.process_time() - started) / repeat * 1000
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "digibank.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def hammer(url: str, headers: dict[str, str], seconds: float, threads: int) -> list[float]:
    """Send requests from `threads` threads for `seconds`; the latency of each, in seconds."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def work() -> None:
        mine = []
        while time.perf_counter() < stop:
            request = urllib.request.Request(url, headers=headers)  # noqa: S310
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"{url}: {response.status}")
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return latencies
