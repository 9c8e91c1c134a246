"""The solver's reasons for leaving a meeting out, in the reader's language, naming people.

The engine gives a reason as a code with parameters (``engine.reasons.why``); a meeting keeps
it as ``{"code": ..., "params": ...}`` and pages word it here, with gettext.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _list(names: list[str], *, conjunction: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + conjunction + names[-1]


def describe_reason(reason: dict, names: dict[str, str]) -> str:
    """``reason`` in words; ``names`` maps the engine's participant ids to people's names."""
    code = reason.get("code", "")
    params = reason.get("params", {})

    def name(key: str) -> str:
        return names.get(params.get(key, ""), params.get(key, ""))

    people = [names.get(p, p) for p in params.get("people", [])]
    n = params.get("slots", 0)
    both = len(people) == 2
    if n == 1:
        where = (
            _("the only slot where both are free")
            if both
            else _("the only slot where all are free")
        )
    else:
        where = (
            ngettext("the %(n)s slot where both are free", "the %(n)s slots where both are free", n)
            if both
            else ngettext(
                "the %(n)s slot where all are free", "the %(n)s slots where all are free", n
            )
        ) % {"n": n}
    anyone = _list(people, conjunction=_(" or "))
    everyone = _list(people, conjunction=_(" and "))
    texts = {
        "never_free": lambda: _("%(person)s is unavailable in every slot.") % {"person": name("p")},
        "no_common_slot": lambda: (
            _("%(a)s is unavailable in every slot where %(b)s is free.")
            % {"a": name("a"), "b": name("b")}
        ),
        "no_common_slot_all": lambda: (
            _("%(people)s have no slot in which all are free.") % {"people": everyone}
        ),
        "no_table": lambda: _("No table is available in %(where)s.") % {"where": where},
        "max_meetings": lambda: (
            _("%(person)s already has the most meetings allowed (%(max)s).")
            % {"person": name("p"), "max": params.get("max")}
        ),
        "tables_full": lambda: _("All tables are taken in %(where)s.") % {"where": where},
        "booked": lambda: (
            _("%(person)s is already booked in %(where)s.") % {"person": name("p"), "where": where}
        ),
        "booked_any": lambda: (
            _("In %(where)s, %(people)s is already booked.") % {"where": where, "people": anyone}
        ),
        "tables_or_booked": lambda: (
            _(
                "In %(where)s, all tables are taken (%(full)s) or %(people)s is already booked "
                "(%(busy)s)."
            )
            % {
                "where": where,
                "full": params.get("full"),
                "busy": params.get("busy"),
                "people": anyone,
            }
        ),
        "time_limit": lambda: _("It was not placed within the time limit; solve again."),
        "by_hand": lambda: _("Taken out of the schedule by hand."),
    }
    text = texts.get(code)
    return text() if text is not None else _("Not scheduled yet.")
