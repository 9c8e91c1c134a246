"""``smeforum import`` and ``smeforum export`` run as a user would, on their own database."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.outcomes.imports.files import GOOD_ROWS, outcome_row, write_csv

pytestmark = pytest.mark.e2e

SMEFORUM = Path(sys.executable).with_name("smeforum")


def _env(data_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SMEFORUM_") and key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(SMEFORUM_DATA_DIR=str(data_dir), SMEFORUM_DEBUG="1")
    return env


def _run(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 -- our own program with fixed arguments
        [str(SMEFORUM), *args],
        env=_env(data_dir),
        cwd=data_dir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_import_outcomes_bad_file_exits_2_and_names_rows_then_good_file_imports(tmp_path):
    # Arrange
    migrate = _run("manage", "migrate", "-v", "0", data_dir=tmp_path)
    bad = write_csv(
        tmp_path / "bad.csv",
        [
            outcome_row(
                external_id="X-1",
                series="cangzhou",
                kind="trade",
                title="Purchase",
                amount="10",
                currency="XXQ",
            ),
            outcome_row(external_id="X-2", series="cangzhou", kind="trade", signed_on="2024-1-5"),
        ],
    )
    good = write_csv(
        tmp_path / "good.csv", [dict(row, series="cangzhou", edition="") for row in GOOD_ROWS]
    )

    # Act
    refused = _run("import", "outcomes", str(bad), data_dir=tmp_path)
    imported = _run("import", "outcomes", str(good), "--create-missing", data_dir=tmp_path)
    exported = _run(
        "export", "outcomes", "--series", "cangzhou", "-o", "out.json", data_dir=tmp_path
    )

    # Assert
    assert migrate.returncode == 0, migrate.stderr
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        'row 2, column series: no series "cangzhou" (--create-missing creates it)',
        'row 2, column currency: "XXQ" is not an ISO 4217 currency code',
        'row 3, column series: no series "cangzhou" (--create-missing creates it)',
        "row 3, column title: must not be empty",
        'row 3, column signed_on: "2024-1-5" is not a date in the form YYYY-MM-DD',
        f"error: nothing was imported: 5 problem(s) in {bad}",
    ]
    assert refused.stdout == ""
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines() == [
        "outcomes: 3 created, 0 updated, 0 unchanged",
        "cities: 2 created",
        "series: 1 created",
    ]
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == "outcomes: 4 rows written to out.json\n"
    assert (tmp_path / "out.json").read_text(encoding="utf-8").count('"external_id"') == 4
