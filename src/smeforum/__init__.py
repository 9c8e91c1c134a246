"""smeforum: run international SME cooperation forums end to end and prove what they produce."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("smeforum")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"
