"""Text similarity that needs no language detection: TF-IDF over character n-grams.

Text is normalised (NFKD, case folded, accents dropped, so Polish "oświetlenie" and
"oswietlenie" meet) and cut into words. A word in a script written with spaces is padded
(" led ") and cut into its character 3-, 4- and 5-grams; a run of CJK characters, which has no
spaces, gives its single characters and character pairs. Names of products, brands and model
numbers ("XK-4200", "LED", "CNC") thus link a Chinese text to a Polish one.

Weights are sublinear TF-IDF (``(1 + ln tf) * idf``, ``idf = ln((1 + n) / (1 + df)) + 1``),
each text's vector of unit length; similarity is the cosine. Features found in more than 5 %
of the texts (and more than 20) are dropped, as sklearn's ``max_df`` does: boilerplate and
function words would otherwise make any two texts in one language alike. :class:`TextIndex`
keeps the vectors row by row (CSR) and an inverted index (feature -> texts) for finding
candidates.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass

import numpy as np

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(r"[^\W_]+")
_RUNS = re.compile(f"[{_CJK}]+|[^{_CJK}]+")
_IS_CJK = re.compile(f"[{_CJK}]")
_MARKS = re.compile("[\u0300-\u036f]+")
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})
# features in more than this share of texts (and more than MIN_DF_CUT texts) are dropped:
# boilerplate and function words, which would make texts in one language alike
MAX_DF = 0.05
MIN_DF_CUT = 20
QUERY_FEATURES = 48  # the candidate search uses the query's heaviest features only


def normalise(text: str) -> str:
    """Case folded, compatibility forms unified, accents dropped."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return _MARKS.sub("", text)


def words(text: str) -> list[tuple[str, bool]]:
    """The text's words as ``(word, is_cjk)``; a CJK run inside a word is its own word."""
    result = []
    for token in _WORD.findall(normalise(text)):
        for run in _RUNS.findall(token):
            result.append((run, bool(_IS_CJK.match(run))))
    return result


def grams(word: str, cjk: bool) -> list[str]:
    """The features one word gives."""
    if cjk:
        return list(word) + [word[i : i + 2] for i in range(len(word) - 1)]
    padded = f" {word} "
    size = len(padded)
    return [padded[i : i + n] for n in (3, 4, 5) for i in range(size - n + 1)]


def features(text: str) -> Counter:
    """Feature -> count in the text."""
    counts: Counter = Counter()
    for word, cjk in words(text):
        counts.update(grams(word, cjk))
    return counts


@dataclass
class TextIndex:
    vocab: dict[str, int]
    df: np.ndarray  # per feature
    idf: np.ndarray
    indptr: np.ndarray  # rows: texts
    indices: np.ndarray
    data: np.ndarray
    post_ptr: np.ndarray  # columns: features -> texts
    post_docs: np.ndarray
    post_w: np.ndarray

    @property
    def size(self) -> int:
        return len(self.indptr) - 1

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        a, b = self.indptr[i], self.indptr[i + 1]
        return self.indices[a:b], self.data[a:b]

    def search(self, i: int) -> np.ndarray:
        """Approximate similarity of text ``i`` to every text (a dense array): the dot product
        over the query's ``QUERY_FEATURES`` heaviest features."""
        ids, weights = self.row(i)
        scores = np.zeros(self.size, dtype=np.float32)
        if not len(ids):
            return scores
        if len(ids) > QUERY_FEATURES:
            keep = np.argsort(-weights, kind="stable")[:QUERY_FEATURES]
            ids, weights = ids[keep], weights[keep]
        starts, ends = self.post_ptr[ids], self.post_ptr[ids + 1]
        docs = np.concatenate([self.post_docs[a:b] for a, b in zip(starts, ends, strict=True)])
        w = np.concatenate(
            [self.post_w[a:b] * q for a, b, q in zip(starts, ends, weights, strict=True)]
        )
        return np.bincount(docs, weights=w, minlength=self.size).astype(np.float32)

    def similarities(self, i: int, others: np.ndarray) -> np.ndarray:
        """Exact cosine similarity of text ``i`` to each text in ``others``."""
        if not len(others):
            return np.zeros(0, dtype=np.float32)
        ids, weights = self.row(i)
        dense = np.zeros(len(self.vocab), dtype=np.float32)
        dense[ids] = weights
        starts, ends = self.indptr[others], self.indptr[others + 1]
        idx = np.concatenate([self.indices[a:b] for a, b in zip(starts, ends, strict=True)])
        vals = np.concatenate([self.data[a:b] for a, b in zip(starts, ends, strict=True)])
        products = dense[idx] * vals
        lengths = ends - starts
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        result = np.zeros(len(others), dtype=np.float32)
        nonempty = lengths > 0
        if len(products):
            result[nonempty] = np.add.reduceat(products, offsets[nonempty])
        return np.clip(result, 0.0, 1.0)

    def rarity(self, word: str, cjk: bool) -> float:
        """The idf of the word's rarest feature (0 when unknown)."""
        found = [self.idf[self.vocab[g]] for g in grams(word, cjk) if g in self.vocab]
        return float(max(found)) if found else 0.0


def build_text_index(texts: list[str]) -> TextIndex:
    vocab: dict[str, int] = {}
    indices = array("i")
    counts = array("f")
    indptr = array("q", [0])
    for text in texts:
        c = features(text)
        indices.extend([vocab.setdefault(g, len(vocab)) for g in c])
        counts.extend(c.values())
        indptr.append(len(indices))
    n = len(texts)
    ind = np.frombuffer(indices, dtype=np.int32).copy()
    ptr = np.frombuffer(indptr, dtype=np.int64).copy()
    tf = np.frombuffer(counts, dtype=np.float32).copy()
    df = np.bincount(ind, minlength=len(vocab)).astype(np.int32)
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    kept = (df <= max(MAX_DF * n, MIN_DF_CUT))[ind]
    doc_of = np.repeat(np.arange(n, dtype=np.int32), np.diff(ptr))[kept]
    ind, tf = ind[kept], tf[kept]
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(doc_of, minlength=n), out=ptr[1:])
    data = ((1.0 + np.log(tf)) * idf[ind]).astype(np.float32)
    lengths = np.diff(ptr)
    # Sums per document (reduceat fails when the last documents have no kept term).
    norms = np.sqrt(np.bincount(doc_of, weights=data * data, minlength=n))
    norms = np.where(lengths > 0, norms, 1.0)
    data /= np.repeat(norms, lengths).astype(np.float32)
    order = np.argsort(ind, kind="stable")
    post_ptr = np.zeros(len(vocab) + 1, dtype=np.int64)
    np.cumsum(np.bincount(ind, minlength=len(vocab)), out=post_ptr[1:])
    return TextIndex(
        vocab=vocab,
        df=df,
        idf=idf,
        indptr=ptr,
        indices=ind,
        data=data,
        post_ptr=post_ptr,
        post_docs=doc_of[order],
        post_w=data[order],
    )


def cosine(a: str, b: str) -> float:
    """The similarity of two texts alone (idf over just the two): for tests and examples."""
    index = build_text_index([a, b])
    return float(index.similarities(0, np.array([1]))[0])
