"""One search box for every division: a registry of per-app providers.

An app that wants its records found adds `<app>/search.py` with

    def search(user, query: SearchQuery) -> list[SearchGroup]

returning its groups (one per kind of record). Providers restrict their rows with the models'
own `restrict(user)` (the same rule as every other read) and mask personal data with
core.personal_data. The core calls every provider found by core.registry.app_modules("search")
and shows the groups in INSTALLED_APPS order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q, Value
from django.db.models.functions import Replace

from kaohsiung_admin.core.registry import app_modules

MAX_QUERY = 100
PER_GROUP = 10
MIN_PHONE_DIGITS = 4

_SEPARATORS = re.compile(r"[\s\-－–—()（）.]")


@dataclass(frozen=True)
class SearchQuery:
    """What was typed, cleaned: `text` (trimmed, inner spaces collapsed) and `digits` (the
    digits only, for phones typed with dashes or spaces: '07-336 8333' → '073368333')."""

    raw: str
    text: str
    digits: str

    @classmethod
    def parse(cls, raw: str | None) -> SearchQuery:
        raw = (raw or "")[:MAX_QUERY]
        text = " ".join(raw.split())
        digits = _SEPARATORS.sub("", text)
        return cls(raw=raw, text=text, digits=digits if digits.isdigit() else "")

    def __bool__(self):
        return bool(self.text)

    @property
    def phone_digits(self) -> str:
        """The digits when they are enough to look for a phone number, else ''."""
        return self.digits if len(self.digits) >= MIN_PHONE_DIGITS else ""


@dataclass
class SearchHit:
    title: str
    url: str
    detail: str = ""


@dataclass
class SearchGroup:
    label: str
    hits: list[SearchHit] = field(default_factory=list)
    more: bool = False  # more than PER_GROUP rows matched
    list_url: str = ""  # the list page that shows them all, when there is one


def phone_digits_expr(field_name: str):
    """The column with dashes and spaces removed, to compare with SearchQuery.digits."""
    return Replace(Replace(field_name, Value("-"), Value("")), Value(" "), Value(""))


def text_q(query: SearchQuery, *fields: str) -> Q:
    """Rows whose `fields` contain the typed text (case-insensitive)."""
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": query.text})
    return condition


def group_of(label: str, rows, to_hit, *, list_url: str = "") -> SearchGroup | None:
    """A group of at most PER_GROUP hits from `rows` (an ordered queryset), None when empty."""
    found = list(rows[: PER_GROUP + 1])
    if not found:
        return None
    return SearchGroup(
        label=str(label),
        hits=[to_hit(row) for row in found[:PER_GROUP]],
        more=len(found) > PER_GROUP,
        list_url=list_url,
    )


def search_all(user, raw: str | None) -> tuple[SearchQuery, list[SearchGroup]]:
    """Every provider's groups for what `user` typed (nothing for an empty query)."""
    query = SearchQuery.parse(raw)
    if not query or user is None or not user.is_authenticated:
        return query, []
    groups: list[SearchGroup] = []
    for _config, module in app_modules("search"):
        provider = getattr(module, "search", None)
        if provider is None:
            continue
        groups.extend(group for group in provider(user, query) or () if group is not None and group.hits)
    return query, groups
