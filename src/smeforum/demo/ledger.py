"""Idempotent loading: find a record by its natural key, or create it through a domain function."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


class Ledger:
    """Counts what a load created, per model, so a second run can say it changed nothing."""

    def __init__(self) -> None:
        self.created: Counter[str] = Counter()

    def ensure(self, model: type[M], lookup: dict, create: Callable[[], M]) -> M:
        existing = model._default_manager.filter(**lookup).first()
        if existing is not None:
            return existing
        obj = create()
        self.created[str(model._meta.verbose_name_plural)] += 1
        return obj

    def note(self, label: str, count: int = 1) -> None:
        if count:
            self.created[label] += count

    @property
    def total(self) -> int:
        return sum(self.created.values())
