"""cinecat settings: one module, driven by CINECAT_* environment variables.

Every variable read here is documented in README.md (a test checks). With none set, cinecat
runs on SQLite in ``./var`` of the checkout.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_EVAL
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def _default_data_dir() -> Path:
    # In a checkout the data lives beside the code; an installed package uses the working dir.
    root = _CHECKOUT if (_CHECKOUT / "pyproject.toml").exists() else Path.cwd()
    return root / "var"


DATA_DIR = Path(env_str("CINECAT_DATA_DIR") or _default_data_dir()).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    configured = env_str("CINECAT_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        # Created with O_EXCL so two processes starting at once agree on one key.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("CINECAT_DEBUG")
ALLOWED_HOSTS = env_list("CINECAT_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CINECAT_CSRF_TRUSTED_ORIGINS", "")

# Behind a reverse proxy that ends HTTPS: what the browser is told and sent (README,
# "On a public server"). `cinecat check --deploy` passes once these are set.
SECURE_SSL_REDIRECT = env_bool("CINECAT_SSL_REDIRECT")
if env_bool("CINECAT_BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("CINECAT_SECURE_COOKIES")
SECURE_HSTS_SECONDS = env_int("CINECAT_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CINECAT_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("CINECAT_HSTS_PRELOAD")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# No inline script runs but one carrying the page's nonce; htmx and site.js load from here.
# 'unsafe-eval' is for htmx's hx-on attributes (the copy page's "View all" cast), which htmx
# runs as functions made from text: it goes once they are handlers in site.js.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, UNSAFE_EVAL],
        "style-src": [SELF],
        # TMDb's posters are shown from its image server as one picks a film (thumbnails).
        "img-src": [SELF, "data:", "https://image.tmdb.org"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "django_htmx",
    # Before django_tasks_db: cinecat's db_worker (catalog) is the one `cinecat db_worker` runs.
    "cinecat.catalog",
    "cinecat.interchange",
    "cinecat.lending",
    "cinecat.search",
    "cinecat.metadata",
    "cinecat.stats",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body: a body past the upload limit is refused unread.
    "cinecat.limits.RequestLimitsMiddleware",
    "csp.middleware.CSPMiddleware",
    "cinecat.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cinecat.busy.BusyDatabaseMiddleware",
]

FILE_UPLOAD_HANDLERS = [
    "cinecat.limits.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

ROOT_URLCONF = "cinecat.urls"
WSGI_APPLICATION = "cinecat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]


def _databases() -> dict:
    url = env_str("CINECAT_DATABASE_URL")
    if url:
        return {"default": dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "cinecat.sqlite3",
            "OPTIONS": {
                # WAL lets readers proceed while one writer writes; IMMEDIATE transactions take
                # the write lock up front so concurrent writers wait (busy timeout) instead of
                # failing half-way with "database is locked".
                # A 32 MB page cache (instead of SQLite's 2 MB default) keeps a 100,000-copy
                # catalog's indexes in memory between requests.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("CINECAT_DB_BUSY_SECONDS", 20),
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The language of the pages: one spelling per language ("Color" in en-us, "Colour" in en-gb).
LANGUAGES = [("en-us", "English (US)"), ("en-gb", "English (UK)")]
LANGUAGE_CODE = env_str("CINECAT_LANGUAGE", "en-us").lower()
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"CINECAT_LANGUAGE is {LANGUAGE_CODE!r}; it must be one of {', '.join(dict(LANGUAGES))}."
    )
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("CINECAT_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Static files are served from the installed apps directly, so no collectstatic step is needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "cinecat.headers.OneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CINECAT_LOG_LEVEL", "INFO")},
    "loggers": {
        # A request naming a host not served (a scanner, a stale DNS name) is no fault of
        # cinecat's: one line, not a traceback each.
        "django.security.DisallowedHost": {
            "handlers": ["console"],
            "filters": ["one_line"],
            "propagate": False,
        },
    },
}

# Long work (imports) runs in a worker process: `cinecat serve` starts one, `cinecat db_worker`
# runs more. The queue lives in the database, so every app server shares it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The server (`cinecat serve`, waitress): request threads; connections it holds open at most
# (more wait in the listen queue); seconds an idle or stalled connection is kept.
CINECAT_THREADS = env_int("CINECAT_THREADS", 8)
CINECAT_CONNECTION_LIMIT = env_int("CINECAT_CONNECTION_LIMIT", 100)
CINECAT_CHANNEL_TIMEOUT = env_int("CINECAT_CHANNEL_TIMEOUT", 60)

# Progress of running imports: an import holds SQLite's write lock until it commits, so live
# counters go to a cache every process can read (a folder in the data dir).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache",
    }
}

CINECAT_PAGE_SIZE = env_int("CINECAT_PAGE_SIZE", 50)
CINECAT_MAX_UPLOAD_MB = env_int("CINECAT_MAX_UPLOAD_MB", 512)
CINECAT_MAX_COVER_MB = env_int("CINECAT_MAX_COVER_MB", 20)
# Hours an uploaded spreadsheet waits at the column-mapping step before its file is removed.
CINECAT_UPLOAD_HOURS = env_int("CINECAT_UPLOAD_HOURS", 24)

# What one request may ask (cinecat.core.limits): more is refused with 400, saying the limit.
CINECAT_MAX_SEARCH_WORDS = env_int("CINECAT_MAX_SEARCH_WORDS", 20)
CINECAT_MAX_FILTER_VALUES = env_int("CINECAT_MAX_FILTER_VALUES", 50)
# The most copies the printable list shows (the whole selection goes out as a CSV file).
CINECAT_PRINT_LIMIT = env_int("CINECAT_PRINT_LIMIT", 1000)


# Metadata providers (cinecat.metadata): a barcode or a title becomes an entry. None is needed;
# a provider left unconfigured is not offered. IMDb's datasets need no setting: once loaded
# (`cinecat reference import-imdb`), that provider is offered.
CINECAT_TMDB_API_KEY = env_str("CINECAT_TMDB_API_KEY").strip()
CINECAT_TMDB_API_URL = env_str("CINECAT_TMDB_API_URL", "https://api.themoviedb.org/3").rstrip("/")
CINECAT_COUNTRY = env_str("CINECAT_COUNTRY", "US").strip().upper()
CINECAT_UPC_API_URL = env_str("CINECAT_UPC_API_URL").strip()
CINECAT_UPC_API_KEY = env_str("CINECAT_UPC_API_KEY").strip()
CINECAT_METADATA_TIMEOUT = env_int("CINECAT_METADATA_TIMEOUT", 10)
