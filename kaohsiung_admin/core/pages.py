"""The page kit: what every division's pages need once.

- `permission_required(perm)`: sign-in first (to the login page), then the permission (403,
  never a login loop).
- `paginate(request, queryset)`: one page of PAGE_SIZE rows with the estimating paginator; the
  shared `includes/pagination.html` keeps every filter and the ordering in its links.
- `list_page(request, ...)`: a filtered list page that also answers `?export=csv|xlsx` with the
  whole filtered list (core.exports).
- `redirect_next(request, default)`: after a POST, back to a same-site `next`, else `default`.
- `int_param`, `year_param`, `id_param`: numbers from the query string, bounded, never a 500.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.decorators import permission_required as django_permission_required
from django.core.exceptions import DisallowedRedirect
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from kaohsiung_admin.core.dates import FIRST_YEAR, LAST_YEAR
from kaohsiung_admin.core.exports import FORMATS, export_response
from kaohsiung_admin.core.filters import MAX_ID
from kaohsiung_admin.core.paginator import EstimatingPaginator

PAGE_SIZE = 50


def permission_required(perm: str | list[str] | tuple[str, ...]):
    """Sign-in first (redirect to the login page), then the permission (403, never a login loop)."""

    def decorate(view):
        return login_required(django_permission_required(perm, raise_exception=True)(view))

    return decorate


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    return EstimatingPaginator(queryset, per_page).get_page(request.GET.get("page"))


def list_page(
    request,
    *,
    queryset,
    template: str,
    context: dict | None = None,
    columns=None,
    filename: str = "export",
    full: bool = False,
):
    """One page of `queryset` rendered with `template` (context gets `page_obj` and
    `export_query`), or, for `?export=csv|xlsx` when `columns` are given, the whole list."""
    fmt = request.GET.get("export")
    if columns is not None and fmt in FORMATS:
        return export_response(rows=queryset, columns=columns, filename=filename, fmt=fmt, full=full)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    context = dict(context or {})
    context.update({"page_obj": paginate(request, queryset), "export_query": query.urlencode()})
    return render(request, template, context)


def safe_next(request, default: str) -> str:
    """`next` from the POST (or GET) when it is a path on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and target.isprintable()
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default


def redirect_next(request, default: str) -> HttpResponseRedirect:
    """After a POST, back to the page the form was on (`next`), never off-site, never an error."""
    try:
        return HttpResponseRedirect(safe_next(request, default))
    except (DisallowedRedirect, ValueError):
        return HttpResponseRedirect(default)


def int_param(request, name: str, default: int | None = None, *, low: int = 1, high: int = MAX_ID) -> int | None:
    """A whole number from the query string within [low, high], else `default`."""
    raw = request.GET.get(name, "")
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return default
    return value if low <= value <= high else default


def year_param(request, name: str = "year", default: int | None = None) -> int | None:
    """A Gregorian year from the query string (`?year=2022`), or a ROC year (`?year=111`)."""
    value = int_param(request, name, None, low=1, high=LAST_YEAR)
    if value is None:
        return default
    if value < FIRST_YEAR:
        value += 1911  # a ROC year
    return value if FIRST_YEAR <= value <= LAST_YEAR else default


def id_param(request, name: str) -> int | None:
    return int_param(request, name, None)
