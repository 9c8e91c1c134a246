"""Text similarity across languages: character n-grams, CJK characters and pairs."""

import pytest

from smeforum.matchmaking.recommend import build_index, recommend
from smeforum.matchmaking.recommend.text import cosine, features, normalise, words

from .builders import ids, org

pytestmark = pytest.mark.unit

ZH = "我们生产LED医用照明灯具，型号 XK-4200，寻找波兰经销商。"
PL = "Szukamy producenta lamp LED do szpitali, model XK-4200, dystrybucja w Polsce."
PL_OTHER = "Oferujemy usługi księgowe i doradztwo podatkowe dla małych firm."


def test_text_is_normalised_and_cut_into_words():
    assert normalise("Łódź ŚWIATŁO Győr") == "lodz swiatlo gyor"
    assert words("LED照明灯具 XK-4200") == [
        ("led", False),
        ("照明灯具", True),
        ("xk", False),
        ("4200", False),
    ]
    assert sorted(features("灯具")) == ["具", "灯", "灯具"]
    assert sorted(features("led")) == [" le", " led", " led ", "ed ", "led", "led "]


def test_chinese_and_polish_texts_naming_one_product_are_alike():
    assert cosine(ZH, PL) > 0.1
    assert cosine(ZH, PL_OTHER) == 0.0
    assert cosine(ZH, ZH) == pytest.approx(1.0)


def test_the_text_reason_names_shared_terms():
    index = build_index(
        [
            org("cn", "CN", text=ZH),
            org("pl", "PL", text=PL),
            org("pl-accounts", "PL", text=PL_OTHER),
            org("hu", "HU", text="Borászat és borexport Tokajból."),
        ]
    )
    recs = recommend(index, "cn")
    assert ids(recs)[0] == "pl"
    [text] = [r for r in recs[0].reasons if r.code == "text"]
    assert text.params["similarity"] >= 0.1
    assert set(text.params["terms"]) == {"xk", "4200", "led"}
    assert [r.code for rec in recs[1:] for r in rec.reasons if r.code == "text"] == []


def test_profiles_without_text_after_the_others_are_indexed():
    index = build_index(
        [
            org("cn", "CN", text=ZH),
            org("pl", "PL", text=PL),
            org("hu", "HU", text=""),
            org("rs", "RS", text=""),
        ]
    )

    assert "pl" in ids(recommend(index, "cn", top=3))
