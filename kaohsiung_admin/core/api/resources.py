"""The API's resources by name ("facilities.bookings"), read from the viewsets' `resource`."""

from django.urls import URLPattern, URLResolver, get_resolver


def _walk(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern


def api_resources() -> set[str]:
    names = set()
    for pattern in _walk(get_resolver().url_patterns):
        view_class = getattr(pattern.callback, "cls", None)
        resource = getattr(view_class, "resource", None)
        if resource:
            names.add(resource)
    return names
