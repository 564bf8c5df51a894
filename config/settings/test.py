"""The test suite: DATABASE_URL picks SQLite (default) or PostgreSQL."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import AUTHENTICATION_BACKENDS, PAGE_CACHE_SECONDS, REDIS_URL, STORAGES
from .environment import env_bool

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105 (tests only)
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests render templates without running collectstatic first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Served tests (tests/serving.py) hand this folder to their gunicorn.
MEDIA_ROOT = Path(
    os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(prefix="library-network-media-")
)
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the apps' folders, as collectstatic is not run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# django-axes stays on; only an authenticate() without a request (the test
# Client.login() that Wagtail's test helpers use) passes it by. Sign-ins
# through the admin's view are throttled as in production.
AUTHENTICATION_BACKENDS = [
    "tests.operations.backends.ClientLoginAxesBackend",
    *AUTHENTICATION_BACKENDS[1:],
]
# In the test process, caches in its memory, and the page cache off unless a
# test switches it on (tests/operations/page_cache.py gives each test its own):
# nothing here is shared with another process, and nothing outlives the run.
# Served tests (tests/serving.py) run the settings' shared caches.
if not REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
        },
    }
    WAGTAIL_CACHE = env_bool("PAGE_CACHE", False)
