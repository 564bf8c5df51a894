"""Local development and `make demo`: SQLite by default, no HTTPS."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = (
    os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
