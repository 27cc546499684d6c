"""Load on ``newscollate serve``: concurrent clients posting the seed pair to /api/compare.

Starts the server in a subprocess on a free loopback port (over a fresh store),
waits until it has warmed its model up, runs a short warm-up of the same
requests, then lets ``--clients`` clients post the seed pair back to back for
``--duration`` seconds. Reports throughput, latency percentiles, errors (any
non-200 or transport error), the server's resident memory sampled every second
(start, middle and end of the load: flat means no leak per request), and CPU:
the server's own, this client's, and what other processes on the machine took
meanwhile (``/proc/stat``). Usage:

    .venv/bin/python bench/bench_serve.py                          # 50 clients, 60 s
    .venv/bin/python bench/bench_serve.py --clients 8 --duration 10  # a smoke run

Writes bench/results/serve.json (``--out``); docs/benchmarks.md shows the figures.
The traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent / "peers"))
from _common import busy_cpu_seconds, versions  # the peers' helpers: standard library only

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
RESULTS = ROOT / "bench" / "results"
TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    rss: list[tuple[float, float]] = field(default_factory=list)  # (seconds into the load, MiB)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def process_cpu_s(pid: int) -> float:
    """User plus system CPU seconds of one process and its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def own_cpu_s() -> float:
    t = os.times()
    return t.user + t.system


def seed_body() -> dict[str, Any]:
    paths = sorted(SEEDS.glob("*.txt"))
    if len(paths) != 2:
        sys.exit(f"expected the two seed articles in {SEEDS}, found {len(paths)}")
    return {"articles": [{"id": p.name, "text": p.read_text(encoding="utf-8")} for p in paths]}


def start_server(store: Path, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "newscollate", "serve", "--store", str(store),
               "--port", str(port), "-q"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(server: subprocess.Popen[bytes], url: str, timeout: float = 300) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            sys.exit(f"the server exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            if httpx.get(url + "/openapi.json", timeout=2).status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    sys.exit("the server did not come up")


async def client(
    http: httpx.AsyncClient, url: str, body: bytes, until: float, load: Load | None
) -> None:
    headers = {"content-type": "application/json"}
    while time.perf_counter() < until:
        started = time.perf_counter()
        try:
            response = await http.post(url + "/api/compare", content=body, headers=headers)
            ok = response.status_code == 200 and response.content.startswith(b"{")
            what = "" if ok else f"HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            what = type(exc).__name__
        if load is None:
            continue
        if what:
            load.error(what)
        else:
            load.latencies.append(time.perf_counter() - started)


async def sample_rss(pid: int, load: Load, started: float, until: float) -> None:
    while time.perf_counter() < until:
        load.rss.append((round(time.perf_counter() - started, 1), round(rss_mib(pid), 1)))
        await asyncio.sleep(1.0)


async def run_load(
    url: str, body: bytes, clients: int, seconds: float, pid: int, load: Load | None
) -> None:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=httpx.Timeout(600.0)) as http:
        started = time.perf_counter()
        until = started + seconds
        tasks = [client(http, url, body, until, load) for _ in range(clients)]
        if load is not None:
            tasks.append(sample_rss(pid, load, started, until))
        await asyncio.gather(*tasks)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown",
    )
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True, check=False).stdout.strip()  # fmt: skip
    return {
        "cpu": cpu,
        "nproc": len(os.sched_getaffinity(0)),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "gpu": "none",
        "platform": platform.platform(),
        "commit": commit,
        "packages": versions(
            "newscollate",
            "fastapi",
            "starlette",
            "uvicorn",
            "httpx",
            "torch",
            "sentence-transformers",
            "spacy",
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--warm-up", type=float, default=10.0, help="seconds before measuring")
    parser.add_argument("--out", type=Path, default=RESULTS / "serve.json")
    args = parser.parse_args()

    body = json.dumps(seed_body()).encode()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(Path(tmp) / "bench.db", port)
        try:
            ready_s = wait_ready(server, url)
            rss_idle = rss_mib(server.pid)
            print(f"server up in {ready_s:.1f}s, {rss_idle:.0f} MiB; warming up", file=sys.stderr)
            asyncio.run(run_load(url, body, args.clients, args.warm_up, server.pid, None))
            rss_warm = rss_mib(server.pid)
            load = Load()
            cpu0 = (busy_cpu_seconds(), process_cpu_s(server.pid), own_cpu_s())
            started = time.perf_counter()
            print(f"{args.clients} clients for {args.duration:.0f}s", file=sys.stderr)
            asyncio.run(run_load(url, body, args.clients, args.duration, server.pid, load))
            wall = time.perf_counter() - started
            cpu1 = (busy_cpu_seconds(), process_cpu_s(server.pid), own_cpu_s())
        finally:
            server.terminate()
            server.wait(timeout=60)

    cores = len(os.sched_getaffinity(0))
    machine_cpu, server_cpu, client_cpu = (b - a for a, b in zip(cpu0, cpu1, strict=True))
    others = max(0.0, machine_cpu - server_cpu - client_cpu)
    ok = load.latencies
    rss_values = [m for _, m in load.rss]
    middle = rss_values[len(rss_values) // 2] if rss_values else None
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "config": {
            "clients": args.clients,
            "duration_s": args.duration,
            "warm_up_s": args.warm_up,
            "request": "POST /api/compare, the seed pair (two articles, 67 sentences)",
            "request_bytes": len(body),
        },
        "server_ready_s": round(ready_s, 1),
        "requests": len(ok) + sum(load.errors.values()),
        "ok": len(ok),
        "errors": load.errors,
        "wall_s": round(wall, 1),
        # requests finished while clients still wait when the time is up; they count in
        # the latencies, and throughput is over the whole wall time
        "throughput_rps": round(len(ok) / wall, 2),
        "latency_s": {
            "p50": round(percentile(ok, 50), 2),
            "p95": round(percentile(ok, 95), 2),
            "p99": round(percentile(ok, 99), 2),
            "max": round(max(ok), 2),
            "mean": round(statistics.fmean(ok), 2),
        }
        if ok
        else None,
        "server_rss_mib": {
            "idle": round(rss_idle, 1),
            "after_warm_up": round(rss_warm, 1),
            "load_start": rss_values[0] if rss_values else None,
            "load_middle": middle,
            "load_end": rss_values[-1] if rss_values else None,
            "load_max": max(rss_values) if rss_values else None,
            "series": load.rss,
        },
        "cpu": {
            "cores": cores,
            "server_share": round(server_cpu / (wall * cores), 3),
            "client_share": round(client_cpu / (wall * cores), 3),
            "others_share": round(others / (wall * cores), 3),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    summary = {k: results[k] for k in ("ok", "errors", "throughput_rps", "latency_s", "cpu")}
    rss = results["server_rss_mib"]
    print(json.dumps(summary), file=sys.stderr)
    print(f"RSS MiB: start {rss['load_start']} middle {rss['load_middle']} end {rss['load_end']}",
          file=sys.stderr)  # fmt: skip
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
