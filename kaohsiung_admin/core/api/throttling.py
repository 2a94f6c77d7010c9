"""The API's throttle: one budget per client, counted atomically, degrading when the cache is down.

- A bureau's token or a signed-in user has API_THROTTLE_RATE; a request without a valid
  credential (none, or a wrong token) is counted by address with API_ANON_THROTTLE_RATE. Requests
  refused for authentication never reach a throttle class in DRF, so the exception handler
  counts them through `throttle_failed_auth()`.
- The count is a fixed window kept in the cache with `add` + `incr` (on Redis SET NX and INCR in
  one MULTI/EXEC round trip):
  atomic, so parallel clients cannot get more through than the budget (DRF's SimpleRateThrottle
  reads a history list, appends and writes it back: racing requests each see the old list).
- With the cache unreachable the throttle lets requests through and logs it (at most once a
  minute): reads keep working while Redis is down.
"""

from __future__ import annotations

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

from kaohsiung_admin.core.client_ip import client_ip

log = logging.getLogger(__name__)

_last_warning = 0.0


def _warn_cache_down(exc: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning > 60:
        _last_warning = now
        log.warning("API throttle not applied, the cache is unreachable: %s: %s", exc.__class__.__name__, exc)


def parse_rate(rate: str) -> tuple[int, int]:
    """ "1200/min" -> (1200, 60)."""
    number, period = rate.split("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period.strip()[0]]
    return int(number), seconds


def _redis_count(key: str, period: int) -> int | None:
    """On Redis: SET NX with the window's expiry and INCR in one MULTI/EXEC, one round trip
    (Django's `add` + `incr` take three: SET NX, EXISTS, INCR). None on another cache."""
    from kaohsiung_admin.core.cache_clients import redis_backend

    backend = redis_backend()
    if backend is None:
        return None
    full_key = backend.make_and_validate_key(key)
    pipe = backend._cache.get_client(full_key, write=True).pipeline(transaction=True)
    pipe.set(full_key, 0, nx=True, ex=period + 1)  # Django stores an int as a plain integer
    pipe.incr(full_key)
    return int(pipe.execute()[1])


def count_request(ident: str, rate: str, now: float | None = None) -> tuple[bool, float]:
    """Count one request for `ident`; (allowed, seconds until the window ends)."""
    limit, period = parse_rate(rate)
    now = time.time() if now is None else now
    window = int(now // period)
    key = f"throttle:{ident}:{window}"
    wait = (window + 1) * period - now
    try:
        count = _redis_count(key, period)
        if count is None:
            cache.add(key, 0, timeout=period + 1)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=period + 1)
                count = 1
    except Exception as exc:  # any cache failure: degrade, never fail the request
        _warn_cache_down(exc)
        return True, 0.0
    return count <= limit, wait


class ClientRateThrottle(BaseThrottle):
    """One budget per client: a bureau's token, a signed-in user, else the address.

    The rates are read from settings on each request so that operators can change them per
    environment.
    """

    def __init__(self):
        self._wait = 0.0

    @staticmethod
    def ident_and_rate(request) -> tuple[str, str]:
        token = getattr(request, "auth", None)
        if token is not None and hasattr(token, "bureau_id"):
            return f"bureau:{token.bureau_id}", settings.API_THROTTLE_RATE
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return f"user:{user.pk}", settings.API_THROTTLE_RATE
        return f"addr:{client_ip(request)}", settings.API_ANON_THROTTLE_RATE

    def allow_request(self, request, view):
        ident, rate = self.ident_and_rate(request)
        allowed, self._wait = count_request(ident, rate)
        return allowed

    def wait(self):
        return math.ceil(self._wait) if self._wait else None


def throttle_failed_auth(request) -> float | None:
    """Count a request refused for its credential against its address; seconds to wait when the
    address is over its budget, else None."""
    allowed, wait = count_request(f"addr:{client_ip(request)}", settings.API_ANON_THROTTLE_RATE)
    return None if allowed else max(math.ceil(wait), 1)
