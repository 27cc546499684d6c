"""Shared pieces of the peer benchmarks: the project's shingles, corpus reading, results.

Runs in the peers' own venv (``bench/.venv-peers``), which does not have the
project's dependencies, so ``newscollate.ingest.normalize`` (standard library
only) is loaded straight from its file: importing it as
``newscollate.ingest.normalize`` would run ``newscollate/__init__.py``, which
pulls in torch, spaCy and trafilatura.
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[2]
NORMALIZE_PY = REPO / "src" / "newscollate" / "ingest" / "normalize.py"
SHINGLE_WORDS = 5


def _load_normalize() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_newscollate_normalize", NORMALIZE_PY)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {NORMALIZE_PY}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_normalize = _load_normalize()
fold: Callable[[str], str] = _normalize.fold
words: Callable[[str], list[str]] = _normalize.words


def tokens(text: str) -> list[str]:
    """The project's word tokens: ``words(fold(text))``."""
    return words(fold(text))


def shingle_strings(toks: list[str], n: int = SHINGLE_WORDS) -> list[str]:
    """Word n-grams joined by one space; fewer than n words give one shingle of them all."""
    if len(toks) < n:
        return [" ".join(toks)]
    return [" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1)]


def shingles(text: str, n: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of UTF-8 encoded word n-gram shingles of ``text``, as newscollate makes them."""
    return {s.encode("utf-8") for s in shingle_strings(tokens(text), n)}


def read_jsonl(path: Path) -> Iterator[tuple[str, str]]:
    """(id, text) of every record of a JSONL corpus; ids are returned as strings."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                yield str(record["id"]), str(record.get("text") or "")


def ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


class Stages:
    """Wall-clock seconds per named stage, in the order they ran."""

    def __init__(self, *order: str) -> None:
        self.seconds: dict[str, float] = dict.fromkeys(order, 0.0)

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


class Span:
    """A runner's end-to-end span: wall clock, CPU seconds (its own and its reaped
    children's), load averages and peak RSS, from ``Span()`` to ``stop()``."""

    def __init__(self) -> None:
        self.load_before = loadavg()
        self.cpu_before = cpu_seconds()
        self.start = time.perf_counter()

    def stop(self) -> None:
        self.seconds = time.perf_counter() - self.start
        self.peak_mib = vmhwm_mib()  # before pairs are listed for the TSV
        self.cpu_after = cpu_seconds()

    def fields(self, stages: Stages, articles: int, import_seconds: float) -> dict[str, Any]:
        """The result JSON's timing fields, as every runner writes them."""
        (cpu0, children0), (cpu1, children1) = self.cpu_before, self.cpu_after
        return {
            "import_seconds": round(import_seconds, 3),
            "stages_seconds": {k: round(v, 3) for k, v in stages.seconds.items()},
            "end_to_end_seconds": round(self.seconds, 3),
            "end_to_end_cpu_seconds": round(cpu1 - cpu0, 3),
            "end_to_end_cpu_seconds_children": round(children1 - children0, 3),
            "loadavg_before": self.load_before,
            "loadavg_after": loadavg(),
            "articles_per_second": round(articles / self.seconds, 1) if self.seconds > 0 else None,
            "peak_rss_mib": round(peak_rss_mib(), 1),
            "peak_rss_mib_end_to_end": round(self.peak_mib, 1),
        }


def finish(
    result: dict[str, Any], rows: Iterable[tuple[str, str, str]], out: Path, pairs: Path | None
) -> None:
    """Write the pairs TSV (when asked for) and the result JSON, which names it, and
    print the run in one line."""
    if pairs:
        write_pairs(pairs, rows)
        result["pairs_file"] = str(pairs)
    write_result(out, result)
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in result["stages_seconds"].items())
    print(
        f"{result['tool']}: {result['articles']} articles, {result['articles_per_second']}/s, "
        f"{stages}, peak RSS {result['peak_rss_mib']} MiB, "
        f"{result['pairs']['candidate']} candidate pairs"
    )


def cpu_seconds() -> tuple[float, float]:
    """(user+system CPU seconds of this process, of its reaped children) so far."""
    t = os.times()
    return t.user + t.system, t.children_user + t.children_system


def loadavg() -> list[float]:
    """1, 5 and 15 minute load averages: how busy the shared machine was."""
    return [round(x, 2) for x in os.getloadavg()]


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (``/proc/stat``): with a
    run's own CPU seconds, how much of the machine other processes took meanwhile."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size (ru_maxrss is KiB on Linux) in MiB."""
    return resource.getrusage(who).ru_maxrss / 1024


def vmhwm_mib() -> float:
    """Peak resident set size of this process since its exec (VmHWM), in MiB. Unlike
    ``ru_maxrss`` it does not start from the parent's peak: on Linux a child's
    ``ru_maxrss`` includes what its parent had resident when it exec'd the child."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return peak_rss_mib()


def versions(*dists: str) -> dict[str, str]:
    found: dict[str, str] = {"python": platform.python_version()}
    for dist in dists:
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[dist] = "not installed"
    return found


def machine() -> dict[str, Any]:
    return {"cpu_count": os.cpu_count(), "platform": platform.platform()}


def write_pairs(path: Path, rows: Iterable[tuple[str, str, str]]) -> None:
    """Tab-separated ``id_a  id_b  extra`` lines (id_a < id_b), sorted, no header."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for a, b, extra in sorted(rows):
            handle.write(f"{a}\t{b}\t{extra}\n")


def write_result(path: Path, result: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def tree_usage(pid: int) -> tuple[float, dict[int, float]]:
    """Summed RSS (MiB) of ``pid`` and all its descendants, and each one's CPU seconds
    so far (Spark's JVM and Python workers are not reaped by the driver, so
    ``RUSAGE_CHILDREN`` would miss them)."""
    children: dict[int, list[int]] = defaultdict(list)
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields_ = stat.rsplit(")", 1)[1].split()
        children[int(fields_[1])].append(int(entry.name))
        cpu[int(entry.name)] = (int(fields_[11]) + int(fields_[12])) / tick
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry.name)] = int(line.split()[1])
    total, stack, tree_cpu = 0, [pid], {}
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        tree_cpu[p] = cpu.get(p, 0.0)
        stack += children.get(p, [])
    return total / 1024, tree_cpu


def run_sampled(command: list[str], cwd: Path) -> tuple[str, float, float]:
    """Run ``command`` to its end: its standard output, the peak summed RSS (MiB) of
    its process tree sampled every 0.2 s, and the tree's CPU seconds (worker
    processes that their parent never reaps included)."""
    peak = 0.0
    cpu: dict[int, float] = {}
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, text=True)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.wait(0.2):
            rss, seconds = tree_usage(process.pid)
            peak = max(peak, rss)
            cpu.update(seconds)  # the last seen CPU seconds of every process of the tree

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = process.communicate()
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{command[1]} failed with exit {process.returncode}")
    return out, peak, sum(cpu.values())
