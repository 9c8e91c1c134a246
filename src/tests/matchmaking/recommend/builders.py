"""Small populations for the recommendation tests, written the way a person would."""

from __future__ import annotations

from smeforum.matchmaking.recommend import Opportunity, Profile


def org(pid: str, country: str, *opps: Opportunity, **fields) -> Profile:
    fields.setdefault("capacity", 8)
    fields["opportunities"] = tuple(fields.get("opportunities", ())) + opps
    return Profile(id=pid, country=country, **fields)


def opp(oid: str, kind: str, *sectors: str, **fields) -> Opportunity:
    return Opportunity(id=oid, kind=kind, sectors=tuple(sectors), **fields)


def ids(recs) -> list[str]:
    return [r.profile_id for r in recs]
