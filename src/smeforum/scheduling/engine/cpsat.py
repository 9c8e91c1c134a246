"""The CP-SAT model shared by the exact re-solves: free meetings re-placed around the rest.

``Placement`` holds a Boolean ``x[m, s]`` per free meeting ``m`` and slot ``s`` it may take,
with every other meeting fixed where ``state`` has it (the free ones must already be removed
from ``state``); ``limit`` adds the hard rules, ``idle`` the idle-gap indicators.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from .state import UNLIMITED, State


class Placement:
    def __init__(
        self,
        state: State,
        free: list[int],
        allowed: dict[int, list[int]] | None = None,
        *,
        prune: bool = True,
        names: bool = True,
    ):
        """``allowed[m]``: the slots ``m`` may take (default: every feasible one); ``prune``
        leaves out the slots where a participant or the tables are already full."""
        pb = state.pb
        self.state = state
        self.model = cp_model.CpModel()
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        self.rows: dict[int, list] = {}
        self.by_ps: dict[tuple[int, int], list] = {}
        self.by_s: dict[int, list] = {}
        self.by_p: dict[int, list] = {}
        for m in free:
            row = []
            for s in pb.feasible[m] if allowed is None else allowed[m]:
                if prune and (
                    state.used[s] >= pb.tables_in[s]
                    or any(state.load[p][s] >= pb.cap[p] for p in pb.parts[m])
                ):
                    continue
                v = self.model.new_bool_var(f"x{m}_{s}" if names else "")
                self.x[(m, s)] = v
                row.append(v)
                self.by_s.setdefault(s, []).append(v)
                for p in pb.parts[m]:
                    self.by_ps.setdefault((p, s), []).append(v)
                    self.by_p.setdefault(p, []).append(v)
            self.rows[m] = row

    def hint(self, slot_of: dict[int, int], zeros: bool = False) -> None:
        """Hint ``x[m, s]`` = 1 where ``slot_of[m] == s`` (and 0 elsewhere with ``zeros``)."""
        for (m, s), v in self.x.items():
            if slot_of.get(m) == s:
                self.model.add_hint(v, 1)
            elif zeros:
                self.model.add_hint(v, 0)

    def limit(self, *, loose: bool = False, place_all: bool = False) -> None:
        """At most one slot per meeting (exactly one with ``place_all``), capacities, tables and
        most meetings; ``loose`` also writes the constraints that cannot bind."""
        pb = self.state.pb
        state = self.state
        for row in self.rows.values():
            if place_all:
                self.model.add_exactly_one(row)
            elif loose or len(row) > 1:
                self.model.add_at_most_one(row)
        for (p, s), vs in self.by_ps.items():
            room = pb.cap[p] - state.load[p][s]
            if loose or len(vs) > room:
                self.model.add(sum(vs) <= room)
        for s, vs in self.by_s.items():
            room = pb.tables_in[s] - state.used[s]
            if loose or len(vs) > room:
                self.model.add(sum(vs) <= room)
        if place_all:
            return  # every participant keeps its number of meetings
        for p, vs in self.by_p.items():
            if pb.max_meetings[p] < UNLIMITED:
                self.model.add(sum(vs) <= pb.max_meetings[p] - state.count[p])

    def idle(self, people) -> list:
        """One Boolean per (participant, slot) that is at least 1 when the slot is an idle gap
        of the participant: busy, started (a meeting earlier that day), ended (one later)."""
        pb = self.state.pb
        model = self.model
        load = self.state.load
        idle = []
        for p in people:
            busy = {}
            for s in range(pb.n_slots):
                vs = self.by_ps.get((p, s), [])
                if load[p][s]:
                    busy[s] = 1
                elif vs:
                    b = model.new_bool_var("")
                    model.add_max_equality(b, vs)
                    busy[s] = b
                else:
                    busy[s] = 0
            for day in set(pb.day):
                slots = [s for s in range(pb.n_slots) if pb.day[s] == day]
                started, ended = {}, {}
                for i, s in enumerate(slots):
                    started[s] = model.new_bool_var("")
                    model.add(started[s] >= busy[s])
                    if i:
                        model.add(started[s] >= started[slots[i - 1]])
                for i, s in reversed(list(enumerate(slots))):
                    ended[s] = model.new_bool_var("")
                    model.add(ended[s] >= busy[s])
                    if i + 1 < len(slots):
                        model.add(ended[s] >= ended[slots[i + 1]])
                for s in slots[1:-1]:
                    g = model.new_bool_var("")
                    model.add(g >= started[s] + ended[s] - busy[s] - 1)
                    idle.append(g)
        return idle

    def values(self, solver: cp_model.CpSolver, meetings) -> dict[int, int]:
        """The slot the solution gives each of ``meetings`` (-1: none)."""
        result = dict.fromkeys(meetings, -1)
        for (m, s), v in self.x.items():
            if solver.value(v):
                result[m] = s
        return result
