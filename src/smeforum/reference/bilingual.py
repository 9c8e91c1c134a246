"""Pick the active language's value of a bilingual pair of model fields."""

from django.utils import translation


def is_chinese() -> bool:
    return (translation.get_language() or "").startswith("zh")


def pick(english: str, chinese: str) -> str:
    """``chinese`` when the page is in Chinese and it is filled in, else ``english``."""
    if is_chinese() and chinese:
        return chinese
    return english or chinese
