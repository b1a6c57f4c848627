"""Settings for the test suite: the real settings plus a fast password hasher.

The environment defaults are set before the real settings are read, so `pytest` works without any
variable; DATABASE_URL still chooses SQLite or PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-that-is-long-enough-for-the-checks")
os.environ.setdefault("EMAIL_BACKEND", "locmem")
os.environ.setdefault("SMS_BACKEND", "console")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

from digibank.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# The test client and the browser tests speak plain http.
SECURE_SSL_REDIRECT = False
WHITENOISE_AUTOREFRESH = True
# Most tests log staff in with `force_login` and test something else than the second log-in step;
# the enforced mode (production's default) has its own tests, which turn this on
# (digibank/organisations/tests/test_two_factor_*.py, tests/e2e/test_two_factor.py).
TWO_FACTOR_REQUIRED = False

# Tests read the English source strings; the Dutch default is checked by test_languages.py, and the
# browser tests ask for Dutch pages with the browser's own language setting.
LANGUAGE_CODE = "en"


# The parallel allocation tests (digibank/lending/tests/parallel_cases.py) run in a pytest process
# of their own with DIGIBANK_TEST_DATABASE_FILE set: every thread needs its own connection to one
# database with real locking, which the in-memory SQLite of the suite cannot give. That process
# uses a SQLite file in memory-backed /dev/shm (or PostgreSQL under a name of its own).
if os.environ.get("DIGIBANK_TEST_DATABASE_FILE"):
    import tempfile

    _shm = "/dev/shm"  # noqa: S108 - a file name of this process only, removed after the run
    _folder = _shm if os.path.isdir(_shm) else tempfile.gettempdir()
    _name = f"digibank-test-{os.getpid()}"
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
        DATABASES["default"]["TEST"] = {"NAME": os.path.join(_folder, f"{_name}.sqlite3")}  # noqa: F405
    else:
        DATABASES["default"]["TEST"] = {"NAME": _name.replace("-", "_")}  # noqa: F405
