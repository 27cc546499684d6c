"""`newscollate serve` refuses what it cannot serve, in one line, before it listens."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscollate import cli


def test_read_only_needs_an_existing_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.db"
    assert cli.main(["serve", "--store", str(missing), "--read-only"]) == cli.EXIT_FAILED
    assert "no such store" in capsys.readouterr().err
    assert not missing.exists()


def test_request_limit_must_be_positive(
    built_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli.main(["serve", "--store", str(built_store), "--max-request-mb", "0"]) == cli.EXIT_USAGE
    )
    assert "--max-request-mb must be positive" in capsys.readouterr().err


def test_not_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database", encoding="utf-8")
    assert cli.main(["serve", "--store", str(bogus)]) == cli.EXIT_FAILED
    assert "cannot serve the store" in capsys.readouterr().err
