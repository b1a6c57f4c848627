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
WHITENOISE_AUTOREFRESH = True

# Tests read the English source strings; the Dutch default is checked by test_languages.py, and the
# browser tests ask for Dutch pages with the browser's own language setting.
LANGUAGE_CODE = "en"
