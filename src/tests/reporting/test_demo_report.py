"""The report on the Cangzhou demo, editions 1–4: the published figures reconciled."""

import io

import pytest
from django.core.management import call_command

from smeforum.forums.models import ForumSeries
from smeforum.reporting.report import build_report

pytestmark = pytest.mark.integration

REGISTRY = "The registry holds no records of %s for this scope."
PROJECTS = REGISTRY % "cooperation projects"
NO_LINKS = "The registry holds no sister-city relationships for this scope."
ECB = "ECB euro foreign exchange reference rates"


def entry(scope, metric, status, expected, found, ratio, note):
    return {
        "scope": scope,
        "metric": metric,
        "status": status,
        "expected": expected,
        "found": found,
        "ratio": ratio,
        "note": note,
    }


def not_itemized(scope, metric, found, note=PROJECTS):
    return entry(scope, metric, "not_itemized", None, found, None, note)


EXPECTED_RECONCILIATION = [
    # (a) registry vs statement: the demo has no outcome records for editions 1–4.
    not_itemized("editions 1–3", "amount", "31689000000.00"),
    not_itemized("editions 1–3", "amount", "4520000000.00"),
    not_itemized("editions 1–3", "count", "48", REGISTRY % "cooperation memoranda"),
    not_itemized(
        "editions 1–3", "count", "53", REGISTRY % "cooperation relationships and agreements"
    ),
    not_itemized("editions 1–4", "amount", "1684580000000.00"),
    not_itemized("editions 1–4", "amount", "235940000000.00"),
    not_itemized("editions 1–4", "count", "217"),
    not_itemized("editions 1–4", "count", "48", REGISTRY % "cooperation memoranda"),
    not_itemized(
        "editions 1–4", "count", "53", REGISTRY % "cooperation relationships and agreements"
    ),
    not_itemized("editions 1–4", "sister_cities", "12", NO_LINKS),
    not_itemized("editions 1–4", "sister_city_countries", "7", NO_LINKS),
    not_itemized("edition 2", "amount", "7292000000.00"),
    not_itemized("edition 2", "count", "38"),
    not_itemized("edition 3", "count", "58", REGISTRY % "outcomes"),
    not_itemized("edition 4", "amount", "136769000000.00"),
    not_itemized("edition 4", "amount", "19500000000.00"),
    not_itemized("edition 4", "count", "105"),
    # (b) sub-totals vs total.
    entry(
        "edition 2", "amount", "consistent", "7292000000.00", "7292000000.00", "1.0000",
        "Sum of the published parts: signed at the opening ceremony (4,744,000,000 CNY) + "
        "signed at the two matchmaking meetings (2,548,000,000 CNY).",
    ),
    entry(
        "edition 2", "count", "consistent", "38", "38", "1.0000",
        "Sum of the published parts: signed at the opening ceremony (18) + signed at the two "
        "matchmaking meetings (20).",
    ),
    entry(
        "edition 3", "count", "consistent", "58", "58", "1.0000",
        "Sum of the published parts: investment outcomes (31) + trade outcomes (19) + "
        "cooperation outcomes (8).",
    ),
    entry(
        "edition 4", "count", "not_itemized", "14", "105", None,
        "Only one part is published: key projects at the general aviation sub-forum (14); the "
        "rest of the total is not itemized.",
    ),
    # (c) per edition vs cumulative: 1684.58 billion is ten times 316.89 + 1367.69 亿.
    entry(
        "editions 1–4", "amount", "slip", "168458000000.00", "1684580000000.00", "10.0000",
        "Sum of the published figures for editions 1–3 (31,689,000,000 CNY) + edition 4 "
        "(136,769,000,000 CNY). The published figure is 10 times the expected one: a decimal "
        "point or unit has slipped.",
    ),
    # (d) the publishers' conversions against the ECB rate of the publication date.
    entry(
        "editions 1–3", "amount", "consistent", "4544458424.11", "4520000000.00", "0.9946",
        f"31,689,000,000 CNY (editions 1–3) at CNY→USD 0.143408 of 2022-12-19 ({ECB}) = "
        "4,544,458,424.11 USD; published: 4,520,000,000 USD.",
    ),
    entry(
        "editions 1–4", "amount", "consistent", "236128246948.12", "235940000000.00", "0.9992",
        f"1,684,580,000,000 CNY (editions 1–4) at CNY→USD 0.140170 of 2023-12-22 ({ECB}) = "
        "236,128,246,948.12 USD; published: 235,940,000,000 USD.",
    ),
    entry(
        "edition 4", "amount", "consistent", "19613778731.00", "19500000000.00", "0.9942",
        f"136,769,000,000 CNY (edition 4) at CNY→USD 0.143408 of 2022-12-19 ({ECB}) = "
        "19,613,778,731 USD; published: 19,500,000,000 USD.",
    ),
]  # fmt: skip

EXPECTED_RATES = [
    {
        "currency": "CNY",
        "to": "USD",
        "date": "2022-12-19",
        "requested_date": "2022-12-19",
        "rate": "0.1434080729624768271065344177",
        "source": ECB,
    },
    {
        "currency": "CNY",
        "to": "USD",
        "date": "2023-12-22",
        "requested_date": "2023-12-22",
        "rate": "0.1401703967446592065106815870",
        "source": ECB,
    },
]


@pytest.fixture(params=[["--no-samples"], []], ids=["sourced", "with-samples"])
def demo(request, db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", *request.param, stdout=io.StringIO())
    return ForumSeries.objects.get(slug="china-ceec-cangzhou")


def test_demo_editions_1_to_4_reconciled(demo):
    report = build_report(demo, editions=[1, 2, 3, 4])
    data = report.as_dict()

    assert list(data) == [
        "scope", "currency", "rate_date", "counted", "sister_cities", "b2b", "reported",
        "reconciliation", "rates", "tolerances",
    ]  # fmt: skip
    assert data["scope"] == {"series": "china-ceec-cangzhou", "editions": [1, 2, 3, 4]}
    assert (data["currency"], data["rate_date"]) == ("USD", None)
    assert data["counted"] == {}
    assert data["sister_cities"] == {"count": 0, "cities": 0, "countries": 0, "intents": 0}
    assert data["reconciliation"] == EXPECTED_RECONCILIATION
    assert data["rates"] == EXPECTED_RATES
    assert data["tolerances"] == {"approximate": "0.10", "conversion": "0.01"}
    assert [c.status for c in report.checks].count("not_itemized") == 18


def test_demo_reported_figures_as_published_with_sources(demo):
    reported = build_report(demo, editions=[1, 2, 3, 4]).as_dict()["reported"]

    assert len(reported) == 28
    assert {r["scope"] for r in reported} == {
        "editions 1–3", "editions 1–4", "edition 2", "edition 3", "edition 4",
    }  # fmt: skip
    assert reported[5] == {
        "metric": "amount",
        "kind": "cooperation_project",
        "value": "235940000000.00",
        "currency": "USD",
        "approximate": False,
        "qualifier": "exact",
        "scope": "editions 1–4",
        "editions": [1, 4],
        "part": "",
        "source": {
            "publisher": "PR Newswire (figures attributed to the Hebei Provincial Industry "
            "and Information Technology Department)",
            "published_on": "2023-12-22",
            "url": "https://en.prnasia.com/releases/global/hebei-expanding-openness-and-"
            "cooperation-for-mutual-development-431974.shtml",
            "language": "en",
        },
    }


def test_demo_edition_4_alone_keeps_only_its_own_statements(demo):
    data = build_report(demo, editions=[4]).as_dict()

    assert [(r["scope"], r["metric"], r["value"]) for r in data["reported"]] == [
        ("edition 4", "amount", "136769000000.00"),
        ("edition 4", "amount", "19500000000.00"),
        ("edition 4", "count", "105"),
        ("edition 4", "count", "14"),
    ]
    assert [(c["metric"], c["status"]) for c in data["reconciliation"]] == [
        ("amount", "not_itemized"),
        ("amount", "not_itemized"),
        ("count", "not_itemized"),
        ("count", "not_itemized"),
        ("amount", "consistent"),
    ]
