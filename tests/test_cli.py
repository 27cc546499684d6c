"""The command as users run it: a real subprocess, real model, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE


def run(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newscollate.cli", *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=300,
    )


def test_json_to_stdout_when_piped(seed_paths: list[Path]) -> None:
    """Piped output defaults to JSON; logs stay off stdout."""
    done = run("compare", *seed_paths)
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    assert data["pairs"][0]["relation"] == "rewrite"


def test_text_and_html_to_files(tmp_path: Path, seed_paths: list[Path]) -> None:
    html, text = tmp_path / "r.html", tmp_path / "r.txt"
    assert run("compare", *seed_paths, "--format", "html", "-o", html).returncode == 0
    assert run("compare", *seed_paths, "--format", "text", "-o", text).returncode == 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    report = text.read_text(encoding="utf-8")
    assert report.startswith("Verdict") and "rewrite" in report and "unique" in report


def test_stdin_and_mixed_inputs(seed_paths: list[Path]) -> None:
    done = run(
        "compare",
        "-",
        EXAMPLE / "wire.txt",
        EXAMPLE / "rewrite.jsonl",
        stdin=seed_paths[0].read_bytes(),
    )
    assert done.returncode == 0, done.stderr.decode()
    assert [a["id"] for a in json.loads(done.stdout)["articles"]][:2] == ["stdin", "wire.txt"]


def test_skipped_input_gives_exit_3_and_names_it(tmp_path: Path, seed_paths: list[Path]) -> None:
    """Usable inputs still run; the bad one is named on stderr; exit code 3."""
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    done = run("compare", *seed_paths, empty, tmp_path / "missing.txt")
    assert done.returncode == 3
    errors = done.stderr.decode()
    assert f"{empty}: empty file" in errors and "missing.txt: no such file or directory" in errors
    assert len(json.loads(done.stdout)["articles"]) == 2


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        pytest.param(
            ["compare", "ONE"], 1, "compare needs at least 2 articles, got 1", id="one-article"
        ),
        pytest.param(
            ["compare", "nope.txt", "nada.txt"], 1, "got 0; 2 input(s) skipped", id="nothing-usable"
        ),
        pytest.param(
            ["compare", "ONE", "--link-threshold", "2"],
            2,
            "link_threshold must be between 0 and 1",
            id="bad-setting",
        ),
        pytest.param(
            ["dedup", "ONE", "--same-story-cosine", "0.3"],
            2,
            "same_story_cosine must be between 0.4 and 1",
            id="bad-model-bar",
        ),
        pytest.param(["frobnicate"], 2, "invalid choice", id="unknown-command"),
    ],
)
def test_failures_exit_non_zero_with_one_line(
    args: list[str], code: int, message: str, seed_paths: list[Path]
) -> None:
    args = [str(seed_paths[0]) if a == "ONE" else a for a in args]
    done = run(*args)
    assert done.returncode == code
    assert message in done.stderr.decode()
    assert done.stdout == b""


def test_unwritable_output_fails_cleanly(seed_paths: list[Path], tmp_path: Path) -> None:
    done = run("compare", *seed_paths, "-o", tmp_path / "no" / "such" / "dir" / "r.json")
    assert done.returncode == 1
    assert "cannot write" in done.stderr.decode()
