"""Validation lists every problem of an instance, each in exact words."""

import copy
import sys

import pytest

from smeforum.scheduling.engine import InvalidInstanceError, parse_instance, validate

from .builders import as_json, instance

pytestmark = pytest.mark.unit


def _base():
    return as_json(instance(3, 1, [("m1", ["p1", "p2"]), ("m2", ["p2", "p3"])]))


def _problems(data) -> list[str]:
    with pytest.raises(InvalidInstanceError) as info:
        parse_instance(data)
    return info.value.problems


def test_a_valid_instance_has_no_problems():
    inst = parse_instance(_base())
    assert validate(inst) == []
    assert [m.id for m in inst.meetings] == ["m1", "m2"]


def test_every_problem_is_listed_at_once():
    data = _base()
    data["slots"].append(copy.deepcopy(data["slots"][0]))  # duplicate s1, overlapping
    data["tables"].append({"id": "T1", "unavailable": ["s9"]})
    data["participants"][0]["capacity"] = 0
    data["participants"][1]["max_meetings"] = -1
    data["participants"][2]["unavailable"] = ["s7"]
    data["meetings"] += [
        {"id": "m3", "participants": ["p1"], "weight": 1, "fixed": None},
        {"id": "m4", "participants": ["p1", "p9", "p1"], "weight": 0, "fixed": None},
        {"id": "m1", "participants": ["p1", "p3"], "weight": 1, "fixed": {"slot": "s8"}},
    ]
    assert _problems(data) == [
        "duplicate slot id s1",
        "duplicate table id T1",
        "duplicate meeting id m1",
        "slot s1 starts before slot s3 ends",
        "table T1: unknown slot s9 in unavailable",
        "participant p1: capacity must be a whole number of at least 1",
        "participant p2: max_meetings must be a whole number of at least 0 or null",
        "participant p3: unknown slot s7 in unavailable",
        "meeting m3: needs at least two participants",
        "meeting m4: participant p1 is listed twice",
        "meeting m4: unknown participant p9",
        "meeting m4: weight must be a whole number of at least 1",
        "meeting m1: fixed slot s8 is unknown",
    ]


def test_malformed_and_naive_times():
    data = _base()
    data["slots"][0]["start"] = "yesterday"
    data["slots"][1]["end"] = "2024-11-07T10:00:00"
    data["slots"][2]["end"] = data["slots"][2]["start"]
    assert _problems(data) == [
        "slot s1: start is not an ISO 8601 date-time: 'yesterday'",
        "slot s2: end has no time zone",
        "slot s3: end is not after start",
    ]


def test_fixed_meetings_that_cannot_be_kept():
    data = as_json(
        instance(
            2,
            2,
            [
                ("m1", ["p1", "p2"], 1, "s1", "T1"),
                ("m2", ["p1", "p3"], 1, "s1", "T1"),
                ("m3", ["p3", "p4"], 1, "s2", "T2"),
                ("m4", ["p4", "p5"], 1, "s2"),
                ("m5", ["p5", "p6"], 1, "s2"),
            ],
            unavailable={"p3": {"s2"}},
            table_unavailable={"T2": {"s2"}},
            max_meetings={"p5": 1},
        )
    )
    assert _problems(data) == [
        "meeting m2: table T1 in slot s1 is also fixed for meeting m1",
        "meeting m3: p3 is unavailable in its fixed slot s2",
        "meeting m3: table T2 is unavailable in its fixed slot s2",
        "participant p1: fixed meetings m1, m2 in slot s1 exceed its capacity of 1",
        "participant p4: fixed meetings m3, m4 in slot s2 exceed its capacity of 1",
        "participant p5: fixed meetings m4, m5 in slot s2 exceed its capacity of 1",
        "participant p5: 2 fixed meetings exceed its max_meetings of 1",
        "slot s2: 3 fixed meetings but only 1 table is available",
    ]


def test_a_fixed_table_needs_a_fixed_slot():
    inst = instance(2, 1, [("m1", ["p1", "p2"], 1, None, "T1")])
    assert validate(inst) == ["meeting m1: a fixed table needs a fixed slot"]


def test_shapes_that_are_not_an_instance():
    assert _problems([]) == ["the instance must be a JSON object"]
    assert _problems({"slots": {}, "meetings": [3], "tables": [{"id": ""}]}) == [
        "slots must be a list",
        "tables[0]: id must be a non-empty string",
        "meetings[0] must be an object",
        "table id must be a non-empty string",
    ]


def test_importing_the_engine_does_not_import_django():
    code = (
        "import sys; import smeforum.scheduling.engine, smeforum.scheduling.command; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    import subprocess  # noqa: PLC0415 -- only this test runs a fresh interpreter

    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
