"""Shared fixtures: the shared/ folder, a loaded pipeline (session-wide), a CLI runner."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LEGATION_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder; tests that need it skip with a reason when it is absent."""
    if not (SHARED / "README.md").exists():
        pytest.skip(f"../shared is absent ({SHARED}): gold sets and seeds are only in CI and dev checkouts")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline with the real spaCy model, loaded once per test session."""
    from legation import get_pipeline

    return get_pipeline()


class CliResult:
    """What a CLI run returned."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.exit_code, self.stdout, self.stderr = code, out, err

    def jsonl(self) -> list[dict]:
        """Parse stdout as JSON lines."""
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


@pytest.fixture
def cli(monkeypatch) -> Callable[..., CliResult]:
    """Run `legation ARGS` in-process, with optional stdin text, capturing stdout and stderr."""
    from legation.cli import main

    def run(*args: str, stdin: str | None = None) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse errors
                code = int(exc.code or 0)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


# -- the web: the demo store, the app in memory, the app served, and a browser ----------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, pipeline) -> Path:
    """The demo corpus in a store, built once per test session for all the web tests."""
    from legation.web.testing import demo_store

    return demo_store(tmp_path_factory.getbasetemp() / "web-demo", coder=pipeline)


@pytest.fixture(scope="module")
def client(web_db):
    """The app over the demo store, without a token, driven in memory (httpx)."""
    from fastapi.testclient import TestClient

    from legation.web import create_app

    with TestClient(create_app(web_db), base_url="http://127.0.0.1") as test_client:
        yield test_client


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium from Debian's package (Playwright downloads no browser here)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (scripts/test.sh installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def site(web_db):
    """The app served by uvicorn on a free loopback port for this module's tests."""
    from legation.web import LiveServer, create_app

    with LiveServer(create_app(web_db)) as url:
        yield url
