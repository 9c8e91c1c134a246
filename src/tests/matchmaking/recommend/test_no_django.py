"""The recommendation engine stands alone: importing it loads no Django."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.unit


def test_importing_the_engine_does_not_import_django():
    code = (
        "import sys; import smeforum.matchmaking.recommend; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run(  # noqa: S603 -- our own interpreter and fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
