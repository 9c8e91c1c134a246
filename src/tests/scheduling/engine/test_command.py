"""``smeforum schedule solve|check`` as a user runs it: files in, files out, no database."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import smeforum

from .builders import as_json, instance

pytestmark = pytest.mark.e2e

SRC = str(Path(smeforum.__file__).resolve().parent.parent)


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env["PYTHONPATH"] = SRC
    return subprocess.run(  # noqa: S603 -- our own program with fixed arguments
        [sys.executable, "-m", "smeforum.cli", "schedule", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_solve_then_check_then_reschedule(tmp_path):
    inst = instance(
        3,
        1,
        [("m1", ["p1", "p2"], 2), ("m2", ["p1", "p3"]), ("m3", ["p2", "p3"]), ("m4", ["p4", "p5"])],
        unavailable={"p3": {"s1"}},
    )
    (tmp_path / "in.json").write_text(json.dumps(as_json(inst)))

    solved = _run(
        "solve", "--input", "in.json", "--output", "out.json", "--seed", "2", cwd=tmp_path
    )
    assert solved.returncode == 0, solved.stderr
    out = json.loads((tmp_path / "out.json").read_text())
    assert out["stats"] | {"seconds": 0} == {
        "meetings": 4,
        "scheduled": 3,
        "weight": 4,
        "upper_bound": 4,
        "idle_gaps": 0,
        "seconds": 0,
        "moved": 0,
    }
    assert [u["reason"] for u in out["unscheduled"]] == [
        "all tables are taken in the 2 slots where both are free"
    ]
    assert solved.stdout.startswith("3 of 4 meetings scheduled, weight 4 of 4 possible")

    checked = _run("check", "--input", "in.json", "--schedule", "out.json", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    stats = json.loads(checked.stdout)
    assert (stats["scheduled"], stats["weight"], stats["upper_bound"]) == (3, 4, 4)

    data = as_json(inst)
    data["meetings"] = [m for m in data["meetings"] if m["id"] != "m2"]  # cancelled
    (tmp_path / "in2.json").write_text(json.dumps(data))
    again = _run(
        "solve",
        "--input",
        "in2.json",
        "--output",
        "out2.json",
        "--previous",
        "out.json",
        cwd=tmp_path,
    )
    assert again.returncode == 0, again.stderr
    out2 = json.loads((tmp_path / "out2.json").read_text())
    kept = {a["meeting"]: a for a in out["assignments"] if a["meeting"] != "m2"}
    assert all(a in out2["assignments"] for a in kept.values())
    assert out2["stats"]["moved"] == 0
    assert out2["stats"]["scheduled"] == 3


def test_check_refuses_a_broken_schedule(tmp_path):
    inst = instance(2, 1, [("m1", ["p1", "p2"]), ("m2", ["p1", "p3"])])
    (tmp_path / "in.json").write_text(json.dumps(as_json(inst)))
    bad = {
        "assignments": [
            {"meeting": "m1", "slot": "s1", "table": "T1"},
            {"meeting": "m2", "slot": "s1", "table": "T1"},
        ]
    }
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    result = _run("check", "--input", "in.json", "--schedule", "bad.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: meeting m2: table T1 in slot s1 is taken by meeting m1",
        "error: participant p1: more than 1 meeting(s) at once in slot s1",
    ]


def test_invalid_input_lists_every_problem_and_exits_2(tmp_path):
    data = as_json(instance(2, 1, [("m1", ["p1", "p2"])]))
    data["meetings"] += [
        {"id": "m1", "participants": ["p1"], "weight": 1, "fixed": None},
        {"id": "m3", "participants": ["p1", "p8"], "weight": 1, "fixed": None},
    ]
    data["slots"][1]["start"] = "09:00"
    (tmp_path / "in.json").write_text(json.dumps(data))
    result = _run("solve", "--input", "in.json", "--output", "out.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: slot s2: start is not an ISO 8601 date-time: '09:00'",
        "error: duplicate meeting id m1",
        "error: meeting m1: needs at least two participants",
        "error: meeting m3: unknown participant p8",
    ]
    assert not (tmp_path / "out.json").exists()
