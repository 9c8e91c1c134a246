"""The optional sentence-embedding signal: texts in two languages with no shared character
n-gram still meet when a (locally installed) multilingual model says they mean the same.

The encoder here is a fixed table of vectors standing in for such a model (a third-party
library the platform loads only when one is installed); the engine is real."""

import numpy as np
import pytest

from smeforum.matchmaking.recommend import build_index, recommend
from tests.matchmaking.recommend.builders import ids, org

pytestmark = pytest.mark.unit

PIPES_EN = "We weld seamless steel pipes for oil pipelines."
PIPES_ZH = "我们生产无缝钢管，用于石油管道。"
BREAD_ZH = "我们烘焙面包和蛋糕。"
MEANING = {  # what a multilingual model gives: the two pipe texts close, the bakery apart
    PIPES_EN: [1.0, 0.1, 0.0],
    PIPES_ZH: [0.95, 0.15, 0.0],
    BREAD_ZH: [0.0, 0.2, 1.0],
}


def table_encoder(texts: list[str]) -> np.ndarray:
    return np.array([MEANING[t] for t in texts], dtype=np.float32)


def _population():
    return [
        org("hu-pipes", "HU", text=PIPES_EN),
        org("cn-pipes", "CN", text=PIPES_ZH),
        org("cn-bread", "CN", text=BREAD_ZH),
    ]


def _text_reason(recs, pid):
    rec = next(r for r in recs if r.profile_id == pid)
    return next((r for r in rec.reasons if r.code == "text"), None)


def test_without_a_model_the_two_languages_share_nothing():
    recs = recommend(build_index(_population()), "hu-pipes", top=2)
    assert [_text_reason(recs, pid) for pid in ids(recs)] == [None, None]


def test_with_a_model_the_pipe_makers_meet_across_languages():
    index = build_index(_population(), encoder=table_encoder)
    recs = recommend(index, "hu-pipes", top=2)
    assert ids(recs)[0] == "cn-pipes"
    reason = _text_reason(recs, "cn-pipes")
    assert reason.params["similarity"] == 0.5  # cosine 0.998: above the floor, rescaled, halved
    assert _text_reason(recs, "cn-bread") is None
    plain = recommend(build_index(_population()), "hu-pipes", top=2)
    score = {r.profile_id: r.score for r in recs}
    assert score["cn-pipes"] > next(r.score for r in plain if r.profile_id == "cn-pipes")


def test_an_encoder_that_gives_the_wrong_number_of_vectors_is_refused():
    with pytest.raises(ValueError, match="gave 1 vectors for 3 texts"):
        build_index(_population(), encoder=lambda texts: np.ones((1, 3)))
