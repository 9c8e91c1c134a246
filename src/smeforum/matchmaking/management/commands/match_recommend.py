"""``smeforum match recommend``: the partners one organisation should meet at an edition, as
JSON or a text table (docs/matchmaking.md, "From the command line")."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from smeforum.forums.models import Edition, ForumSeries
from smeforum.matchmaking.recommendations import NotConfirmedError, recommend_for
from smeforum.orgs.models import Organisation


def _organisation(name: str) -> Organisation:
    found = list(Organisation.objects.filter(Q(name__iexact=name) | Q(name_en__iexact=name)))
    if not found:
        raise CommandError(f"--organisation: no organisation named “{name}”", returncode=2)
    if len(found) > 1:
        where = ", ".join(sorted(str(o.country) for o in found))
        raise CommandError(
            f"--organisation: several organisations are named “{name}” ({where})", returncode=2
        )
    return found[0]


class Command(BaseCommand):
    help = "Recommend partners to meet at an edition for one organisation (JSON or text)."

    def add_arguments(self, parser):
        parser.add_argument("--series", required=True, help="the series' slug")
        parser.add_argument("--edition", required=True, type=int, help="the edition's number")
        parser.add_argument("--organisation", required=True, help="its name (or English name)")
        parser.add_argument("--top", type=int, default=10, help="how many (default 10)")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, series, edition, organisation, top, format, **options):
        if top < 1:
            raise CommandError("--top: give a whole number of at least 1", returncode=2)
        found = ForumSeries.objects.filter(slug=series).first()
        if found is None:
            raise CommandError(f"--series: no series with the slug “{series}”", returncode=2)
        chosen = Edition.objects.filter(series=found, number=edition).first()
        if chosen is None:
            raise CommandError(f"--edition: {series} has no edition {edition}", returncode=2)
        org = _organisation(organisation)
        try:
            suggestions = recommend_for(chosen, org, top=top)
        except NotConfirmedError as exc:
            raise CommandError(f"--organisation: {exc}", returncode=2) from exc
        rows = [
            {
                "organisation": s.organisation.display_name,
                "country": s.country,
                "score": round(s.score, 2),
                "reasons": s.reasons,
            }
            for s in suggestions
        ]
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("No recommendations.")
            return
        width = max(len("organisation"), *(len(r["organisation"]) for r in rows))
        self.stdout.write(f"{'#':>2}  {'organisation':<{width}}  country  score  reasons")
        for n, r in enumerate(rows, 1):
            first, *rest = r["reasons"] or [""]
            name = f"{r['organisation']:<{width}}"
            self.stdout.write(f"{n:>2}  {name}  {r['country']:<7}  {r['score']:.2f}   {first}")
            for reason in rest:
                self.stdout.write(f"{'':>2}  {'':<{width}}  {'':<7}  {'':<5}  {reason}")
