"""The staff home page: each app says what work waits for the signed-in user.

An app adds `<app>/home.py` with

    def panels(user) -> list[HomePanel]

(one panel per kind of work: my next bookings, requests waiting for my decision, my cases due
soon or overdue, finished report builds ...). A panel is shown only when it applies to the user
(the app returns nothing for a user without the permission); an empty panel still shows, saying
there is nothing to do, so a clerk sees the queue is clear.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kaohsiung_admin.core.registry import app_modules

PANEL_ROWS = 5


@dataclass
class HomeItem:
    text: str
    url: str = ""
    when: object = None  # a date or datetime, shown in the page's date style
    badge: str = ""  # "bad" (overdue), "warn" (due soon) or ""
    badge_text: str = ""


@dataclass
class HomePanel:
    title: str
    items: list[HomeItem] = field(default_factory=list)
    total: int = 0
    more_url: str = ""
    empty_text: str = ""
    key: str = ""  # a stable name for tests and styling, e.g. "facilities-pending"


def panels_for(user) -> list[HomePanel]:
    if user is None or not user.is_authenticated:
        return []
    found: list[HomePanel] = []
    for _config, module in app_modules("home"):
        provider = getattr(module, "panels", None)
        if provider is not None:
            found.extend(panel for panel in provider(user) or () if panel is not None)
    return found
