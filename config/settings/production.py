"""Production: PostgreSQL behind gunicorn and a TLS-terminating proxy."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOGGING, env_bool, log_format

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "Set the SECRET_KEY environment variable to a long random value (at least "
        "50 characters), for example the output of: python3 -c 'import secrets; "
        "print(secrets.token_urlsafe(64))'. Production will not start without it."
    )

if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured(
        "Set the ALLOWED_HOSTS environment variable to the site's host names, "
        "separated by commas (for example: library.example.org). Production "
        "will not start without it."
    )

# Connections kept for a worker's life (health checks replace a broken one):
# a new PostgreSQL connection loads the Polish dictionary again on its first
# search (380-520 ms here). CONN_MAX_AGE in seconds limits their age instead.
if "CONN_MAX_AGE" not in os.environ:
    DATABASES["default"]["CONN_MAX_AGE"] = None  # noqa: F405

# The proxy in front terminates TLS and says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# X-Frame-Options, nosniff, Referrer-Policy, Content-Security-Policy and
# Permissions-Policy are set for every environment in base.py.
# Failed sign-ins and page passwords are counted per client address:
# REMOTE_ADDR, unless TRUSTED_PROXY_COUNT (base.py, from the environment, 0 by
# default) says how many proxies of our own stand in front and append to
# X-Forwarded-For. Behind the usual one TLS proxy, set it to 1.

# Backups are signed with BACKUP_SIGNING_KEY, and without it neither made nor
# restored: a key derived from SECRET_KEY would go with a rotated SECRET_KEY.
BACKUP_KEY_FROM_SECRET_KEY = False

SERVE_MEDIA = env_bool("SERVE_MEDIA", False) and not AWS_STORAGE_BUCKET_NAME  # noqa: F405

# Logs go to standard output, where the process manager collects them, one
# JSON object per line unless LOG_FORMAT=plain.
LOG_FORMAT = log_format("json")
LOGGING["handlers"]["console"]["stream"] = "ext://sys.stdout"
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT
