"""The client's address, one rule for the login lockout (django-axes) and the API throttle.

REMOTE_ADDR, unless a proxy in front of the site is configured explicitly (settings.BEHIND_PROXY
or CLIENT_IP_HEADER): then the address the proxy wrote in that header. For X-Forwarded-For the
entry PROXY_COUNT places from the right is taken, the one our own proxy appended; entries further
left were sent by the client and could be anything. Without that setting a client-sent header is
ignored, so nobody picks their own address to dodge a lockout or a throttle.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if not header:
        return remote
    meta_key = "HTTP_" + header.upper().replace("-", "_")
    raw = request.META.get(meta_key, "")
    if not raw:
        return remote
    entries = [entry for entry in raw.split(",") if entry.strip()]
    count = max(int(getattr(settings, "PROXY_COUNT", 1)), 1)
    if len(entries) < count:
        return remote
    return _valid(entries[-count]) or remote
