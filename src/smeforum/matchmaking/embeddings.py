"""The optional multilingual sentence-embedding model of partner recommendations.

Only a model installed on the machine is used: ``SMEFORUM_EMBEDDING_MODEL`` names a
sentence-transformers model directory (for example a copy of
``paraphrase-multilingual-MiniLM-L12-v2``), loaded with the Hugging Face hub offline, so nothing
is ever downloaded at run time. Unset (the default), recommendations use character n-grams only.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

Encoder = Callable[[list[str]], object]


@functools.cache
def local_encoder(path: str) -> Encoder | None:
    """The encoder of the model at ``path`` (texts -> one vector each), or ``None`` for an
    empty path. Raises ``ImproperlyConfigured`` when the directory or the library is missing."""
    if not path:
        return None
    if not Path(path).is_dir():
        raise ImproperlyConfigured(
            f"SMEFORUM_EMBEDDING_MODEL names {path}, which is not a model directory."
        )
    os.environ["HF_HUB_OFFLINE"] = "1"  # never download
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        from sentence_transformers import SentenceTransformer  # noqa: PLC0415 -- optional
    except ImportError as exc:
        raise ImproperlyConfigured(
            "SMEFORUM_EMBEDDING_MODEL is set but sentence-transformers is not installed "
            "(pip install sentence-transformers)."
        ) from exc
    model = SentenceTransformer(path, local_files_only=True)
    return functools.partial(model.encode, normalize_embeddings=True)
