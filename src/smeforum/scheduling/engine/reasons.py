"""Why a meeting was left out, in words an organiser understands."""

from __future__ import annotations

from .state import State


def _names(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def _or_names(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " or " + ids[-1]


def _where(n: int, everyone: str) -> str:
    if n == 1:
        return f"the only slot where {everyone} free"
    return f"the {n} slots where {everyone} free"


def reason(state: State, m: int) -> str:
    pb = state.pb
    parts = list(dict.fromkeys(pb.parts[m]))
    ids = [pb.person_ids[p] for p in parts]
    everyone = "both are" if len(parts) == 2 else "all are"
    never = [p for p in parts if not pb.available[p]]
    if never:
        return f"{pb.person_ids[never[0]]} is unavailable in every slot"
    if not pb.common[m]:
        if len(parts) == 2:
            a, b = sorted(parts, key=lambda p: (len(pb.available[p]), parts.index(p)))
            return (
                f"{pb.person_ids[a]} is unavailable in every slot where {pb.person_ids[b]} is free"
            )
        return f"{_names(ids)} have no slot in which all are free"
    if not pb.feasible[m]:
        return f"no table is available in {_where(len(pb.common[m]), everyone)}"
    for p in parts:
        if state.count[p] >= pb.max_meetings[p]:
            return f"{pb.person_ids[p]} already has its maximum of {pb.max_meetings[p]} meetings"
    slots = pb.feasible[m]
    full = [s for s in slots if state.used[s] >= pb.tables_in[s]]
    busy_in = {p: [s for s in slots if state.load[p][s] >= pb.cap[p]] for p in parts}
    busy = [s for s in slots if any(s in busy_in[p] for p in parts)]
    n = len(slots)
    where = _where(n, everyone)
    if len(full) == n:
        return f"all tables are taken in {where}"
    if len(busy) == n:
        for p in parts:
            if len(busy_in[p]) == n:
                return f"{pb.person_ids[p]} is already booked in {where}"
        return f"in {where}, {_or_names(ids)} is already booked"
    if set(full) | set(busy) == set(slots):
        return (
            f"in {where}, all tables are taken ({len(full)}) "
            f"or {_or_names(ids)} is already booked ({len(set(busy) - set(full))})"
        )
    return "it was not placed within the time limit"
