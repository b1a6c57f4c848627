"""Django settings for Digibank, driven by typed environment variables.

Every variable is documented in the README. A bad value stops start-up with a message that names
the variable and what it expects.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import jinja2
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (got {raw!r}).")


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int = 2**31) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number (got {raw!r}).") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum} (got {value}).")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name, default) or default
    if value not in choices:
        raise ImproperlyConfigured(
            f"{name} must be one of {', '.join(sorted(choices))} (got {value!r})."
        )
    return value


DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key_file = env_str("SECRET_KEY_FILE")
    if key_file:
        try:
            key = Path(key_file).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"SECRET_KEY_FILE cannot be read: {error}") from None
    else:
        key = env_str("SECRET_KEY")
    if not key:
        if DEBUG:
            return "insecure-development-key-only-used-when-DEBUG-is-on"
        raise ImproperlyConfigured(
            "SECRET_KEY or SECRET_KEY_FILE must be set (or DEBUG=true for development)."
        )
    if len(key) < 32:
        raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL must start with http:// or https:// (got {SITE_URL!r}).")

INSTALLED_APPS = [
    "digibank.core",
    "digibank.organisations",
    "digibank.people",
    "digibank.devices",
    "digibank.messaging",
    "digibank.lending",
    "digibank.skills",
    "digibank.insights",
    "digibank.help",
    "digibank.plans",
    "digibank.portal",
    "digibank.api",
    "digibank.demo",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.forms",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session passed the second log-in step (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "digibank.core.security.SessionLimits",
    "digibank.core.security.NoStoreForPrivateAnswers",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "digibank.urls"
WSGI_APPLICATION = "digibank.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "digibank" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "digibank.core.context_processors.digibank",
            ],
        },
    },
    # Only for the few fragments of the hottest pages (the inventory's rows and filters), rendered
    # through digibank.core.fragments: Jinja2 draws 50 rows several times faster than Django's
    # engine, and escapes every value just the same. Templates live in each app's jinja2/ folder.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"undefined": jinja2.StrictUndefined},
    },
]

_default_sqlite = f"sqlite:///{VAR_DIR / 'digibank.sqlite3'}"
_database_url = env_str("DATABASE_URL", _default_sqlite)
try:
    _database = dj_database_url.parse(_database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {error}") from None
if _database["ENGINE"] not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    raise ImproperlyConfigured("DATABASE_URL must point to SQLite or PostgreSQL.")
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and a writer work side by side; IMMEDIATE takes the write lock up front so
    # two concurrent writers queue instead of failing halfway with "database is locked".
    _database["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Connections stay open like PostgreSQL's (DB_CONN_MAX_AGE): opening the file and running the
    # PRAGMAs above on every request cost about 2.5 ms, a sixth of a list page.
    if _database["NAME"] and _database["NAME"] != ":memory:":
        Path(_database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "digibank.core.login_limits.LoginLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Log-in limits (django-axes, attempts kept in the database; see digibank/core/login_limits.py).
AXES_HANDLER = "digibank.core.login_limits.LoginLimitHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_LOCKOUT_CALLABLE = "digibank.core.login_limits.lockout_response"
# A refused attempt during a lock-out does not restart the wait: the page's time stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # no table of every successful log-in
AXES_VERBOSE = False
# Password-reset mails an hour (digibank/core/password_reset.py).
PASSWORD_RESET_EMAIL_LIMIT = env_int("PASSWORD_RESET_EMAIL_LIMIT", 3, minimum=1)
PASSWORD_RESET_ADDRESS_LIMIT = env_int("PASSWORD_RESET_ADDRESS_LIMIT", 10, minimum=1)
# Invitations to work in a digibank (digibank/organisations/services/invitations.py): how long a
# link works, and how many invitation mails one person may send an hour.
INVITATION_DAYS = env_int("INVITATION_DAYS", 7, minimum=1, maximum=60)
INVITATION_HOURLY_LIMIT = env_int("INVITATION_HOURLY_LIMIT", 20, minimum=1)
# A helpers' guide not confirmed as still correct for this many months is flagged as stale.
GUIDE_STALE_MONTHS = env_int("GUIDE_STALE_MONTHS", 6, minimum=1, maximum=60)
AXES_CLIENT_IP_CALLABLE = "digibank.core.login_limits.client_address"
# Failed attempts per client address an hour, counted in the database (digibank/core/throttle.py):
# wrong API tokens, and unknown codes on the public request-status page.
API_TOKEN_FAILURE_LIMIT = env_int("API_TOKEN_FAILURE_LIMIT", 10, minimum=1)
REFERENCE_LOOKUP_FAILURE_LIMIT = env_int("REFERENCE_LOOKUP_FAILURE_LIMIT", 10, minimum=1)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:staff_home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "digibank_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# What a visitor may send (digibank.core.uploads): the fields of a form or a JSON body at most
# 1 MB; files kept in memory up to 2.5 MB, written to a temporary file above; a whole request with
# files at most UPLOAD_MAX_BYTES (the largest file a form takes is 5 MB). Beyond: 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024, minimum=1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 6 * 1024 * 1024, minimum=1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "digibank.core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A log-in ends after 30 minutes without a request, after 12 hours in all, and when the browser
# closes (digibank.core.security.SessionLimits checks the first two on every request).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60, minimum=300)
SESSION_MAX_AGE = env_int("SESSION_MAX_AGE", 12 * 60 * 60, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG and SITE_URL.startswith("https://"))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Production (DEBUG off) sends every http request to https and tells browsers, through HSTS, to use
# nothing else for a year; `make demo` and the tests run on plain http and turn the redirect off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)

# Content-Security-Policy: the pages load scripts, styles, images and fonts from this site only and
# run no inline script or style, so an injected <script> or style attribute does nothing. There is
# no configuration: a page that needs more is a defect in the page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Mail: SMTP by default; EMAIL_BACKEND=console prints messages instead (development).
_email_backends = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
EMAIL_BACKEND = _email_backends[
    env_choice("EMAIL_BACKEND", "console" if DEBUG else "smtp", set(_email_backends))
]
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Digibank <noreply@digibank.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# SMS: a pluggable backend; "file" writes each message to SMS_FILE_PATH (development).
SMS_BACKEND = env_choice("SMS_BACKEND", "file", {"file", "console", "http"})
SMS_FILE_PATH = Path(env_str("SMS_FILE_PATH", str(VAR_DIR / "sms")))
SMS_HTTP_URL = env_str("SMS_HTTP_URL")
SMS_HTTP_TOKEN = env_str("SMS_HTTP_TOKEN")
SMS_SENDER = env_str("SMS_SENDER", "Digibank")
if SMS_BACKEND == "http" and not SMS_HTTP_URL.startswith("https://"):
    raise ImproperlyConfigured("SMS_BACKEND=http needs SMS_HTTP_URL starting with https://.")

# Background tasks (sending messages, planning reminders) wait in the app's own database; one
# `manage.py run_worker` process runs them for every app process (see digibank/messaging/worker.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# A demo installation (`make demo`): only then may `seed_demo` create its accounts, whose password
# is published; `check --deploy` fails while any of them exists (digibank/demo/checks.py).
DEMO_MODE = env_bool("DEMO_MODE", False)

# Two-step log-in (digibank/core/two_factor.py, organisations/permissions/second_factor.py): staff
# whose roles show personal data, and region admins, must set up an authenticator app and give its
# code after their password. On by default in production; a demo or development installation may
# run it optional (the log-in page says so). A user who has set it up is always asked the code.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not DEBUG and not DEMO_MODE)
OTP_TOTP_ISSUER = env_str("TWO_FACTOR_ISSUER", "Digibank")
# Exports of personal data and erasing a person ask the password (and code) again when the last
# log-in or confirmation is older than this.
REAUTHENTICATION_MINUTES = env_int("REAUTHENTICATION_MINUTES", 5, minimum=1, maximum=60)

NINJA_PAGINATION_PER_PAGE = 50
FORM_RENDERER = "digibank.core.forms.FormRenderer"
CSRF_FAILURE_VIEW = "digibank.core.errors_views.csrf_failure"
