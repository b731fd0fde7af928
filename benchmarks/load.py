"""Load test: N requests at once to the dyad endpoint of `legation serve`, on loopback only.

    python benchmarks/load.py [--db demo.duckdb] [--requests 200] [--path /api/dyads/RUS/CHN] [--warm] [--mix]

Starts `legation serve` in its own process on 127.0.0.1 on a free port, waits until it answers, fires the
requests all at once with httpx.AsyncClient (one connection each, none reused), then stops the server and
prints the latency percentiles (p50, p95, max, in ms) and the errors as JSON. The run is bounded: exactly
`--requests` requests, each with a 120 s timeout. Without --db the demo corpus is ingested into a temporary
store first (about half a minute). Without --warm the first request computes the report while the other
199 wait for it (the cold case); --warm sends one request before the measured ones. --mix sends, in turn,
the requests of `MIX` instead of one path: the dyad report, text searches (`q=`) of the events API and
page, and facets (`facets=true`), and reports p50/p95 for each path as well (`by_path`); the target is a
p95 under 1 s on the demo store with --warm.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from _common import ROOT

DYAD_PATH = "/api/dyads/RUS/CHN"
MIX = (
    DYAD_PATH,
    "/api/events?q=military+exercise",
    "/api/events?q=%22joint+military%22&sort=-date",
    "/api/events?q=sanctions&facets=true",
    "/api/events?facets=true&root=04",
    "/events?q=naval+drills",
    "/events?q=Russia&sort=-goldstein&limit=100",
    "/events",
)


def free_port() -> int:
    """A loopback port that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, log: Path, token: str | None = None, wait: float = 90.0) -> tuple[subprocess.Popen, str]:
    """`legation serve --db DB` on a free loopback port; returns the process and its base URL once it answers."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "LEGATION_TOKEN"}
    if token:
        env["LEGATION_TOKEN"] = token
    command = [sys.executable, "-m", "legation", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    with open(log, "wb") as sink:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited ({proc.returncode}): {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(url + "/openapi.json", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"the server did not answer within {wait:.0f} s")


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server process (SIGTERM, then SIGKILL after 15 s)."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile of `values` (share 0.95 is p95)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


async def fire(
    url: str, path: str | tuple[str, ...], requests: int, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """Send `requests` GETs at once (each on its own connection); latencies in ms, statuses and errors.

    Given several paths, request i goes to path i modulo their number, and `by_path` has each one's figures."""
    paths = (path,) if isinstance(path, str) else tuple(path)
    limits = httpx.Limits(max_connections=requests, max_keepalive_connections=0)
    start = asyncio.Event()
    latencies: list[float] = []
    per_path: dict[str, list[float]] = {p: [] for p in paths}
    statuses: dict[str, int] = {}
    failures: dict[str, int] = {}
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120.0, headers=headers) as client:

        async def one(path: str) -> None:
            await start.wait()
            began = time.perf_counter()
            try:
                response = await client.get(path)
                await response.aread()
            except httpx.HTTPError as exc:
                failures[type(exc).__name__] = failures.get(type(exc).__name__, 0) + 1
                return
            latencies.append((time.perf_counter() - began) * 1000)
            per_path[path].append(latencies[-1])
            statuses[str(response.status_code)] = statuses.get(str(response.status_code), 0) + 1

        tasks = [asyncio.create_task(one(paths[i % len(paths)])) for i in range(requests)]
        await asyncio.sleep(0)
        began = time.perf_counter()
        start.set()
        await asyncio.gather(*tasks)
        wall = time.perf_counter() - began
    errors = sum(failures.values()) + sum(n for status, n in statuses.items() if status != "200")
    result = {
        "requests": requests, "errors": errors, "statuses": statuses, "failures": failures,
        "p50_ms": _round(percentile(latencies, 0.50)), "p95_ms": _round(percentile(latencies, 0.95)),
        "max_ms": _round(max(latencies, default=None)), "wall_s": round(wall, 3),
        "requests_per_s": round(requests / wall, 1) if wall else None,
    }  # fmt: skip
    if len(paths) > 1:
        result["by_path"] = {p: {"requests": len(v), "p50_ms": _round(percentile(v, 0.50)),
                                 "p95_ms": _round(percentile(v, 0.95))} for p, v in per_path.items()}  # fmt: skip
    return result


def _round(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def measure(
    db: Path, requests: int = 200, path: str | tuple[str, ...] = DYAD_PATH, warm: bool = False
) -> dict[str, Any]:
    """Start the server on `db`, fire the requests, stop the server; the results with the run's settings.

    `path` may be several paths (`MIX`): the requests go to each in turn; --warm requests each once first."""
    with tempfile.TemporaryDirectory(prefix="legation-load-") as tmp:
        proc, url = start_server(Path(db), Path(tmp) / "server.log")
        try:
            if warm:
                for each in (path,) if isinstance(path, str) else path:
                    httpx.get(url + each, timeout=120).raise_for_status()
            result = asyncio.run(fire(url, path, requests))
        finally:
            stop_server(proc)
    return {"path": path if isinstance(path, str) else list(path), "warm": warm, **result}


def main() -> None:
    """Parse the options, build the demo store if no --db is given, and print the results as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="store to serve (default: the demo corpus in a temporary store)")
    parser.add_argument("--requests", type=int, default=200, help="requests fired at once (200)")
    parser.add_argument("--path", default=DYAD_PATH, help=f"endpoint ({DYAD_PATH})")
    parser.add_argument("--warm", action="store_true", help="send one request before the measured ones")
    parser.add_argument("--mix", action="store_true", help="the requests of MIX in turn (search, facets, dyad)")
    args = parser.parse_args()
    path = MIX if args.mix else args.path
    if not 1 <= args.requests <= 1000:
        parser.error("--requests must be 1 to 1000 (a bounded test)")
    if args.db:
        print(json.dumps(measure(Path(args.db), args.requests, path, args.warm), indent=1))
        return
    from legation.web.testing import demo_store

    with tempfile.TemporaryDirectory(prefix="legation-demo-") as tmp:
        db = demo_store(tmp)
        print(json.dumps(measure(db, args.requests, path, args.warm), indent=1))


if __name__ == "__main__":
    main()
