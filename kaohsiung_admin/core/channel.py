"""Which channel a request came through: the REST API or the site's pages.

The personal-data log, the history and the permission messages record it, so that "API" and
"web" mean the same everywhere.
"""

WEB = "web"
API = "api"
EXPORT = "export"


def request_channel(request) -> str:
    """ "api" for /api/ requests (tokens or a browser session on the API), else "web"."""
    if request is None:
        return WEB
    auth = getattr(request, "auth", None)
    if auth is not None and hasattr(auth, "bureau_id"):
        return API
    return API if request.path.startswith("/api/") else WEB
