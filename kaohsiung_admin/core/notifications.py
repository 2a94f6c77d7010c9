"""In-app notifications: `notify(user, title, url=..., body=...)` beside every e-mail an app sends.

There is no single place where the apps send mail (each app's tasks call send_mail), so each
sender calls `notify()` next to it; the header shows `unread_count(user)` and /notifications/
lists them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone


def notify(users, title: str, *, url: str = "", body: str = "") -> int:
    """Leave a notice for one user or several (inactive users and users without an id are skipped).
    Returns how many were created. Titles are cut to the column's 200 characters."""
    from kaohsiung_admin.core.models import Notification

    if users is None:
        return 0
    if not isinstance(users, Iterable) or isinstance(users, str):
        users = [users]
    rows = [
        Notification(user=user, title=str(title)[:200], url=str(url)[:300], body=str(body))
        for user in users
        if user is not None and getattr(user, "pk", None) and user.is_active
    ]
    Notification.objects.bulk_create(rows)
    return len(rows)


def unread_count(user) -> int:
    from kaohsiung_admin.core.models import Notification

    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notices read (all, or those `ids`); never another user's."""
    from kaohsiung_admin.core.models import Notification

    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())
