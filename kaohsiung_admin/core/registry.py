"""Apps register themselves by being in INSTALLED_APPS: one helper finds their modules.

An app may have `figures.py` (FIGURES, SERIES for the annual report), `tasks.py` (BEAT_SCHEDULE),
`demo.py` (load(stdout)), `urls.py` and `api/urls.py` (mounted at the AppConfig's `url_prefix`,
e.g. "dormitories/", under the site and under /api/v1/), and on its AppConfig `nav_label`,
`nav_items` and `role_permissions`. Nothing else needs editing when an app is added.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps


def app_module(config: AppConfig, name: str) -> ModuleType | None:
    """`<app>.<name>` when the app has that module, else None (an import error inside it raises)."""
    dotted = f"{config.name}.{name}"
    try:
        return import_module(dotted)
    except ModuleNotFoundError as exc:
        if exc.name != dotted and not dotted.startswith(f"{exc.name}."):
            raise
        return None


def app_modules(name: str) -> Iterator[tuple[AppConfig, ModuleType]]:
    """Every installed app's `<name>` module, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        module = app_module(config, name)
        if module is not None:
            yield config, module


def division_url_patterns(*, api: bool) -> list:
    """The page (or API) URLs of every app whose AppConfig names a `url_prefix`."""
    from django.urls import include, path

    patterns = []
    for config in apps.get_app_configs():
        prefix = getattr(config, "url_prefix", None)
        if prefix is None:
            continue
        module = app_module(config, "api.urls" if api else "urls")
        if module is not None:
            patterns.append(path(prefix, include(module.__name__)))
    return patterns
