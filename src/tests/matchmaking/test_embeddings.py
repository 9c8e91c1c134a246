"""Loading the optional local sentence-embedding model: none by default, and a clear refusal
when the setting names a missing directory or the library is not installed."""

import importlib.util

import pytest
from django.core.exceptions import ImproperlyConfigured

from smeforum.config import Config
from smeforum.matchmaking.embeddings import local_encoder

pytestmark = pytest.mark.unit


def test_no_model_is_configured_by_default(tmp_path):
    # An absolute data directory: the working directory may be gone (another test's tmp).
    assert Config.from_env({"SMEFORUM_DATA_DIR": str(tmp_path)}).embedding_model == ""
    assert local_encoder("") is None


def test_a_missing_model_directory_is_refused(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="not a model directory"):
        local_encoder(str(tmp_path / "nowhere"))


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is not None,
    reason="sentence-transformers is installed here",
)
def test_a_model_without_the_library_is_refused(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="pip install sentence-transformers"):
        local_encoder(str(tmp_path))
