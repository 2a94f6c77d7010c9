"""The API's FilterSet backend, which does not build a FilterSet for a request that uses none of
its filters.

django-filter builds and validates the FilterSet's form on every request (copies of every
filter, a bound form, its cleaning): about a fifth of an unfiltered list request. When the query
string names none of the FilterSet's filters that work changes nothing (every filter leaves the
queryset alone for an empty value). A request that names some filters gets a FilterSet of those
only (made once per set of names). Neither applies when the FilterSet filters by itself (its own
`filter_queryset` or `qs`, which may read any filter's value) or has a required filter.
"""

from __future__ import annotations

from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend


def _filters_by_itself(filterset_class) -> bool:
    for klass in filterset_class.__mro__:
        if klass.__module__.startswith("django_filters") or klass is object:
            continue
        if "filter_queryset" in vars(klass) or "qs" in vars(klass):
            return True
    return any(f.extra.get("required") for f in filterset_class.base_filters.values())


_NARROW: dict[tuple, type] = {}


def narrowed(filterset_class, names: frozenset):
    """The FilterSet with only the filters `names` (cached): the same result for a request that
    names only those, without copying and validating the others."""
    key = (filterset_class, names)
    narrow = _NARROW.get(key)
    if narrow is None:
        narrow = type(filterset_class.__name__, (filterset_class,), {"__module__": filterset_class.__module__})
        narrow.base_filters = {n: f for n, f in filterset_class.base_filters.items() if n in names}
        if len(_NARROW) < 2_000:  # a bound on what odd query strings can make it keep
            _NARROW[key] = narrow
    return narrow


class FilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        if _filters_by_itself(filterset_class):
            return super().filter_queryset(request, queryset, view)
        names = _named_filters(request, filterset_class)
        if not names:
            return queryset
        filterset = narrowed(filterset_class, names)(**self.get_filterset_kwargs(request, queryset, view))
        if not filterset.is_valid() and self.raise_exception:
            raise utils.translate_validation(filterset.errors)
        return filterset.qs


def _named_filters(request, filterset_class) -> frozenset:
    names = filterset_class.base_filters.keys()
    named = set()
    for key in request.query_params:
        if key in names:
            named.add(key)
        else:
            named.update(name for name in names if key.startswith(f"{name}_"))
    return frozenset(named)
