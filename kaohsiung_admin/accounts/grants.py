"""What an API token may be granted: one check for `issue_api_token` and the admin's token form.

A resource is writable when one of its routes maps a write method to an action; it needs a read
grant when its viewset says `read_grant_required = True` (consumer protection's cases)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

_WRITE_METHODS = {"post", "put", "patch", "delete"}


def _patterns(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern


def resource_capabilities() -> dict[str, dict]:
    """{resource: {"writable": bool, "read_grant": bool}} from the API's viewsets."""
    found: dict[str, dict] = {}
    for pattern in _patterns(get_resolver().url_patterns):
        view_class = getattr(pattern.callback, "cls", None)
        resource = getattr(view_class, "resource", None)
        if not resource:
            continue
        entry = found.setdefault(resource, {"writable": False, "read_grant": False})
        actions = getattr(pattern.callback, "actions", None) or {}
        if _WRITE_METHODS & set(actions):
            entry["writable"] = True
        elif not actions and any(hasattr(view_class, m) for m in _WRITE_METHODS):
            entry["writable"] = True  # a plain APIView with a post()/put()…
        if getattr(view_class, "read_grant_required", False):
            entry["read_grant"] = True
    return found


@dataclass
class GrantCheck:
    """The outcome of `check_grants`: what is wrong with the requested grants, and what exists."""

    unknown_writes: list[str] = field(default_factory=list)  # no such resource
    unknown_reads: list[str] = field(default_factory=list)
    read_only: list[str] = field(default_factory=list)  # asked for writing, but read-only
    open_reads_asked: list[str] = field(default_factory=list)  # asked as a read grant, needs none
    writable: list[str] = field(default_factory=list)
    needs_grant: list[str] = field(default_factory=list)
    open_reads: list[str] = field(default_factory=list)

    @property
    def unknown(self) -> list[str]:
        return sorted(set(self.unknown_writes) | set(self.unknown_reads))

    @property
    def bad_writes(self) -> list[str]:
        """Write grants that cannot be given: no such resource, or a read-only one."""
        return sorted(set(self.read_only) | set(self.unknown_writes))

    @property
    def bad_reads(self) -> list[str]:
        """Read grants that cannot be given: no such resource, or one every token reads."""
        return sorted(set(self.open_reads_asked) | set(self.unknown_reads))


def check_grants(write=(), read=()) -> GrantCheck:
    """Check write grants (each must be a writable resource) and read grants (each must be a
    resource that needs one)."""
    capabilities = resource_capabilities()
    known = set(capabilities)
    write, read = set(write), set(read)
    needs_grant = sorted(r for r, c in capabilities.items() if c["read_grant"])
    return GrantCheck(
        unknown_writes=sorted(write - known),
        unknown_reads=sorted(read - known),
        read_only=sorted(r for r in write & known if not capabilities[r]["writable"]),
        open_reads_asked=sorted(r for r in read & known if not capabilities[r]["read_grant"]),
        writable=sorted(r for r, c in capabilities.items() if c["writable"]),
        needs_grant=needs_grant,
        open_reads=sorted(known - set(needs_grant)),
    )
