"""PDF documents set in the fonts the platform ships (``reference/fonts/``: DejaVu Sans for
Latin, Cyrillic and Greek, Droid Sans Fallback for Chinese; licences beside them), so any
name or sentence mixing scripts renders without downloading a font. A leaf module: every
layer of every data app may use it."""

from __future__ import annotations

import logging
from pathlib import Path

from fpdf import FPDF

# fontTools logs every step of font subsetting at INFO; keep that out of the server's log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent / "fonts"
LATIN = "dejavu"
CJK = "droid"


class ShippedFontsPDF(FPDF):
    """An A4 ``FPDF`` (millimetres) with the shipped fonts added: ``LATIN`` (regular and bold)
    and ``CJK`` as the fallback for characters ``LATIN`` lacks."""

    def __init__(self, *, title: str, landscape: bool = False) -> None:
        super().__init__(
            orientation="landscape" if landscape else "portrait", unit="mm", format="A4"
        )
        self.add_font(LATIN, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(LATIN, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.add_font(CJK, "", str(FONTS / "DroidSansFallbackFull.ttf"))
        self.set_fallback_fonts([CJK], exact_match=False)
        self.set_title(title)
        self.set_author("smeforum")
        self.set_creator("smeforum")
