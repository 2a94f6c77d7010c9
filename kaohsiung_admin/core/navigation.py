"""The navigation bar, built from what each app declares on its AppConfig.

An app sets `nav_label` and `nav_items = [(label, url_name, permission or None), ...]`; an item
shows only to users holding its permission (None: every signed-in user).
"""

from django.apps import apps
from django.urls import NoReverseMatch, reverse


def navigation_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    sections = []
    for config in apps.get_app_configs():
        items = []
        for label, url_name, perm in getattr(config, "nav_items", ()):
            if perm and not user.has_perm(perm):
                continue
            try:
                items.append({"label": label, "url": reverse(url_name)})
            except NoReverseMatch:
                continue
        if items:
            sections.append({"label": getattr(config, "nav_label", config.verbose_name), "items": items})
    return sections
