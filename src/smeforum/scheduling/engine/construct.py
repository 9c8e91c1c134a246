"""Most-constrained-first construction: heavy and hard meetings first, compact slots."""

from __future__ import annotations

import random

from .state import Problem, State


def adjacency(state: State, m: int, s: int) -> int:
    """How many of ``m``'s participants already meet right before or after slot ``s``."""
    pb = state.pb
    score = 0
    for p in pb.parts[m]:
        load = state.load[p]
        if s > 0 and pb.day[s - 1] == pb.day[s] and load[s - 1]:
            score += 1
        if s + 1 < pb.n_slots and pb.day[s + 1] == pb.day[s] and load[s + 1]:
            score += 1
    return score


def best_slot(state: State, m: int, exclude: int = -1) -> int:
    """The slot where ``m`` fits now and keeps days compact; -1 when none."""
    best, best_key = -1, None
    for s in state.pb.feasible[m]:
        if s != exclude and state.fits(m, s):
            key = (-adjacency(state, m, s), s)
            if best_key is None or key < best_key:
                best, best_key = s, key
    return best


def order(pb: Problem, meetings: list[int], rng: random.Random) -> list[int]:
    noise = {m: rng.random() for m in meetings}
    return sorted(
        meetings,
        key=lambda m: (
            -pb.weight[m],
            len(pb.feasible[m]),
            -sum(pb.requested[p] for p in pb.parts[m]),
            noise[m],
        ),
    )


def construct(state: State, rng: random.Random) -> None:
    """Place every unpinned, unscheduled meeting where it fits, hardest first."""
    pb = state.pb
    todo = [m for m in range(len(pb.meeting_ids)) if state.slot_of[m] < 0 and pb.feasible[m]]
    for m in order(pb, todo, rng):
        s = best_slot(state, m)
        if s >= 0:
            state.place(m, s)


def first_fit(problem: Problem) -> State:
    """The plain baseline: meetings in input order, each into the first slot where it fits."""
    state = State(problem)
    for m in range(len(problem.meeting_ids)):
        if problem.fixed_slot[m] >= 0:
            state.place(m, problem.fixed_slot[m])
            state.pinned[m] = True
    for m in range(len(problem.meeting_ids)):
        if state.slot_of[m] < 0:
            for s in problem.feasible[m]:
                if state.fits(m, s):
                    state.place(m, s)
                    break
    return state
