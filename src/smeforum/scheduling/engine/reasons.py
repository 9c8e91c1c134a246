"""Why a meeting was left out, in words an organiser understands.

:func:`why` gives a reason as a code and its parameters (participant ids and counts), so a
caller can word it in any language with its own names for the participants; :func:`describe`
words it in English with the ids, as the command prints it.
"""

from __future__ import annotations

from .state import State

# code -> English wording; {p}, {a}, {b} are participant ids, {people} a list of them.
REASONS = {
    "never_free": "{p} is unavailable in every slot",
    "no_common_slot": "{a} is unavailable in every slot where {b} is free",
    "no_common_slot_all": "{people_and} have no slot in which all are free",
    "no_table": "no table is available in {where}",
    "max_meetings": "{p} already has its maximum of {max} meetings",
    "tables_full": "all tables are taken in {where}",
    "booked": "{p} is already booked in {where}",
    "booked_any": "in {where}, {people_or} is already booked",
    "tables_or_booked": (
        "in {where}, all tables are taken ({full}) or {people_or} is already booked ({busy})"
    ),
    "time_limit": "it was not placed within the time limit",
}


def _names(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def _or_names(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " or " + ids[-1]


def _where(n: int, pair: bool) -> str:
    everyone = "both are" if pair else "all are"
    if n == 1:
        return f"the only slot where {everyone} free"
    return f"the {n} slots where {everyone} free"


def describe(code: str, params: dict) -> str:
    """The reason in English, naming participants by their ids."""
    people = params.get("people", [])
    return REASONS[code].format(
        **params,
        where=_where(params.get("slots", 0), len(people) == 2),
        people_or=_or_names(people) if people else "",
        people_and=_names(people) if people else "",
    )


def why(state: State, m: int) -> tuple[str, dict]:
    """The reason meeting ``m`` is unscheduled: ``(code, params)``; ``params["people"]`` lists
    the meeting's participant ids and ``slots`` counts the slots where all are free."""
    pb = state.pb
    parts = list(dict.fromkeys(pb.parts[m]))
    ids = [pb.person_ids[p] for p in parts]
    base: dict = {"people": ids}
    never = [p for p in parts if not pb.available[p]]
    if never:
        return "never_free", {**base, "p": pb.person_ids[never[0]]}
    if not pb.common[m]:
        if len(parts) == 2:
            a, b = sorted(parts, key=lambda p: (len(pb.available[p]), parts.index(p)))
            return "no_common_slot", {**base, "a": pb.person_ids[a], "b": pb.person_ids[b]}
        return "no_common_slot_all", base
    base["slots"] = len(pb.common[m])
    if not pb.feasible[m]:
        return "no_table", base
    for p in parts:
        if state.count[p] >= pb.max_meetings[p]:
            return "max_meetings", {**base, "p": pb.person_ids[p], "max": pb.max_meetings[p]}
    slots = pb.feasible[m]
    n = len(slots)
    base["slots"] = n
    full = [s for s in slots if state.used[s] >= pb.tables_in[s]]
    busy_in = {p: [s for s in slots if state.load[p][s] >= pb.cap[p]] for p in parts}
    busy = [s for s in slots if any(s in busy_in[p] for p in parts)]
    if len(full) == n:
        return "tables_full", base
    if len(busy) == n:
        for p in parts:
            if len(busy_in[p]) == n:
                return "booked", {**base, "p": pb.person_ids[p]}
        return "booked_any", base
    if set(full) | set(busy) == set(slots):
        return "tables_or_booked", {**base, "full": len(full), "busy": len(set(busy) - set(full))}
    return "time_limit", base


def reason(state: State, m: int) -> str:
    """The reason meeting ``m`` is unscheduled, in English."""
    return describe(*why(state, m))
