"""Helpers for testing the web: the demo store built once per session, and the app served in a thread."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn
from fastapi import FastAPI


def demo_store(directory: str | os.PathLike[str], coder: Any = None) -> Path:
    """The demo corpus ingested into DIRECTORY/demo.duckdb; later calls reuse a store that was finished."""
    from ..analysis import ingest_demo

    folder = Path(directory)
    db, done = folder / "demo.duckdb", folder / "demo.done"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        ingest_demo(db, coder=coder)
        done.write_text("ok\n", encoding="utf-8")
    return db


def loopback_socket() -> socket.socket:
    """A listening socket on a free loopback port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(512)
    return sock


class LiveServer:
    """The app served by uvicorn in a background thread on a free loopback port (`with LiveServer(app) as url`)."""

    def __init__(self, app: FastAPI, start_timeout: float = 60.0) -> None:
        self.app = app
        self.start_timeout = start_timeout
        self._sock = loopback_socket()
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="on", server_header=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True)

    def __enter__(self) -> str:
        self._thread.start()
        deadline = time.monotonic() + self.start_timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the web server did not start")
            time.sleep(0.02)
        return self.url

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> Any:
        self.stop()

    def stop(self) -> None:
        """Ask the server to finish and wait for its thread."""
        self._server.should_exit = True
        self._thread.join(timeout=30)
        self._sock.close()
