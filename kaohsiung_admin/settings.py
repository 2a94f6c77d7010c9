"""Settings for the Bureau intranet, read from the environment (12-factor).

With no environment at all the project runs on its embedded default: SQLite, kombu's filesystem
transport for Celery, the console mail backend and demo accounts. `DJANGO_ENV=production` turns
on the deployment hardening that `manage.py check --deploy` asks for and refuses to start without
a real SECRET_KEY.
"""

import os
import secrets
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy

from kaohsiung_admin.core.schema import enum_name_overrides

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env") if (BASE_DIR / ".env").exists() else None

ENVIRONMENT = env.str("DJANGO_ENV", default="embedded")
PRODUCTION = ENVIRONMENT == "production"


def _install_secret(path: Path) -> str:
    """This install's own secret, made on first run and kept in var/ (mode 0600).

    The embedded default must not sign sessions, password resets or iCal feed keys with a key
    that is public in the repository: every install makes its own.
    """
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process (worker, web) made it first: use theirs
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")  # no default: a production start without it must fail
else:
    SECRET_KEY = env.str("SECRET_KEY", default="") or _install_secret(VAR_DIR / "secret_key")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_htmx",
    "axes",
    "csp",
    # Ours. Order matters for load_demo_data: an app's demo data may use the apps above it.
    "kaohsiung_admin.core",
    "kaohsiung_admin.core.bidi.BidiGuardConfig",  # names and titles: bidi controls neutralised
    "kaohsiung_admin.accounts",
    "facilities",
    "consumer_protection",
    "dormitories",
    "documents",
    "international",
    "kaohsiung_admin.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost of ours: a database or broker outage becomes a 503 page or API error.
    "kaohsiung_admin.core.outage.OutageMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kaohsiung_admin.core.middleware.BureauLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kaohsiung_admin.core.middleware.AbsoluteSessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it must see the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kaohsiung_admin.urls"
WSGI_APPLICATION = "kaohsiung_admin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kaohsiung_admin.core.context_processors.navigation",
            ],
            "builtins": ["kaohsiung_admin.core.templatetags.bureau_format"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; the timeout makes a writer wait
    # for a lock instead of failing at once; IMMEDIATE transactions take the write lock when they
    # begin, so a transaction that reads then writes never fails with "database is locked"
    # when another writer got in between (a DEFERRED one cannot wait for the upgrade).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Authentication --------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock an account+address pair after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# The cool-off runs from the lock: attempts during the lock (even with the right password) do not
# renew it, so one request per quarter hour cannot keep a colleague locked out.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "kaohsiung_admin.core.client_ip.client_ip"

# The client's address: REMOTE_ADDR, unless a proxy in front is configured explicitly. With
# BEHIND_PROXY the address comes from CLIENT_IP_HEADER (default X-Forwarded-For, counted
# PROXY_COUNT entries from the right, the one our proxy appended) and X-Forwarded-Proto is
# trusted for https. Without it a client-sent header is ignored.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="X-Forwarded-For" if BEHIND_PROXY else "")
PROXY_COUNT = env.int("PROXY_COUNT", default=1)

# Sessions expire after this many idle seconds: every request pushes the expiry forward.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# ... and at the latest this many seconds after sign-in, however active (core.middleware).
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=10 * 3600)

# --- Language, time ---------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hant"
LANGUAGES = [("zh-hant", "繁體中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production whitenoise serves straight from the apps' static folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root

# --- Cache (throttling, locks) ----------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL and (_xdist_worker := os.environ.get("PYTEST_XDIST_WORKER", "")).startswith("gw"):
    # Each pytest-xdist worker gets its own Redis database (gw0 the URL's, gwN the URL's + 8 + N,
    # clear of the broker's database just after it): every test clears the cache, and a flush by
    # one worker must not drop another's cached token or throttle counter mid-test.
    _base, _, _db = REDIS_URL.rpartition("/")
    _worker = int(_xdist_worker[2:] or 0)
    if _base.startswith("redis") and _db.isdigit() and _worker:
        REDIS_URL = f"{_base}/{(int(_db) + 8 + _worker) % 16}"
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery -----------------------------------------------------------------------------------
# Embedded default: kombu's filesystem transport, so a real worker runs with no server at all.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_DIR = VAR_DIR / "celery"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),  # else "control/" in the working directory
        "store_processed": False,
    }
    for _folder in ("queue", "processed", "control"):
        (CELERY_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True  # progress lives in our own rows (e.g. a report build)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=50)
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}

# --- Mail -------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="高雄市政府行政暨國際處 <noreply@kcg.gov.tw>")

# --- REST API ---------------------------------------------------------------------------------
# The empty choice of every filter select reads 全部 / All (django-filter's default is 「---------」).
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("全部")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kaohsiung_admin.accounts.authentication.BureauTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["kaohsiung_admin.core.api.permissions.ResourcePermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "kaohsiung_admin.core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["kaohsiung_admin.core.api.throttling.ClientRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "kaohsiung_admin.core.api.openapi.BureauAutoSchema",
    "EXCEPTION_HANDLER": "kaohsiung_admin.core.api.exceptions.exception_handler",
    # The API speaks JSON (a generated client then has one body encoding per operation); uploads
    # go through the pages. The parser turns nesting too deep for Python into a 400.
    "DEFAULT_PARSER_CLASSES": ["kaohsiung_admin.core.api.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        # DRF's JSON, written by orjson: the same bytes, several times faster (core.api.renderers).
        "kaohsiung_admin.core.api.renderers.FastJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",  # the API speaks JSON only
}
API_MAX_PAGE_SIZE = 200
# Requests per client (token bureau or signed-in user, else address) per period.
API_THROTTLE_RATE = env.str("API_THROTTLE_RATE", default="1200/min")
# Requests without a valid credential (none, or a wrong token), per address.
API_ANON_THROTTLE_RATE = env.str("API_ANON_THROTTLE_RATE", default="120/min")
# Largest API request body; a larger one is refused with 413 before it is parsed.
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=1024 * 1024)
# Deepest JSON nesting an API request may have (a deeper one is a 400, never a RecursionError).
API_MAX_JSON_DEPTH = env.int("API_MAX_JSON_DEPTH", default=32)
API_TOKEN_DEFAULT_DAYS = env.int("API_TOKEN_DEFAULT_DAYS", default=365)
# A token, its bureau, service account and permissions resolved once and cached (core.api.token_cache);
# dropped when any of them changes. Only on a shared cache (Redis): a per-process cache would keep a
# revoked token in the other processes. 0 turns the cache off.
API_TOKEN_CACHE_SECONDS = env.int("API_TOKEN_CACHE_SECONDS", default=300 if REDIS_URL else 0)

SPECTACULAR_SETTINGS = {
    "TITLE": "高雄市政府行政暨國際處 API",
    "DESCRIPTION": "Read-only unless the bureau's token has write on a resource. "
    "Authenticate with `Authorization: Token <key>`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "APPEND_COMPONENTS": {
        "securitySchemes": {"tokenAuth": {"type": "apiKey", "in": "header", "name": "Authorization"}}
    },
    "SECURITY": [{"tokenAuth": []}],
    # The schema and the docs: anyone in the embedded default, a signed-in user or a token in
    # production (core.api.openapi.SchemaAccess).
    "SERVE_PERMISSIONS": ["kaohsiung_admin.core.api.openapi.SchemaAccess"],
    "SERVE_AUTHENTICATION": [
        "kaohsiung_admin.accounts.authentication.BureauTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kaohsiung_admin.core.api.openapi.document_error_responses",
    ],
    # Swagger UI served from our own static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several apps have a `status`, `channel` or `category`: name each enum after its app. The
    # published names of the first apps are kept; every other app's choices are named
    # <App><Class>Enum by core.schema.
    "ENUM_NAME_OVERRIDES": enum_name_overrides(
        BASE_DIR,
        ["dormitories", "documents", "international", "facilities", "consumer_protection"],
        {
            "BookingStatusEnum": "facilities.choices.BookingStatus",
            "BookingChannelEnum": "facilities.choices.BookingChannel",
            "MaintenanceStatusEnum": "facilities.choices.MaintenanceStatus",
            "MaintenanceCategoryEnum": "facilities.choices.MaintenanceCategory",
            "ConsumerChannelEnum": "consumer_protection.choices.Channel",
            "ConsumerCategoryEnum": "consumer_protection.choices.Category",
            "ComplaintStageEnum": "consumer_protection.choices.Stage",
            "MediationStatusEnum": "consumer_protection.choices.MediationStatus",
            "ReportBuildStatusEnum": "kaohsiung_admin.reports.models.BuildStatus",
            "RequestStatusEnum": "kaohsiung_admin.core.decisions.RequestStatus",
            "DueStateEnum": "kaohsiung_admin.core.deadlines.DueState",
        },
    ),
}

# --- Demo -------------------------------------------------------------------------------------
DEMO_ACCOUNTS = env.bool("DEMO_ACCOUNTS", default=not PRODUCTION)
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="kaohsiung-demo-111")

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "personal_data": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "weasyprint": {"level": "WARNING"},  # otherwise a line per page and per font subset
        "fontTools": {"level": "WARNING"},
    },
}

# --- Production hardening ---------------------------------------------------------------------
# Every page carries a Content-Security-Policy (django-csp): scripts, styles, fonts and images only
# from the site itself, no inline script or handler, no framing. htmx is configured to match
# (no indicator <style> injected, no eval).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

if PRODUCTION:
    # Only a proxy we were told about may say the request came over https.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container's own health check speaks plain http
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
    SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Uploads ----------------------------------------------------------------------------------
# Every upload goes through core.uploads (type allow-list by extension and content, this limit).
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_MB", default=10) * 1024 * 1024
