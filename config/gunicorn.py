"""gunicorn settings, used by `make demo` and in production.

gunicorn --config config/gunicorn.py config.wsgi
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request that takes longer than this is stuck: its worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Load the site once in the master process, then fork the workers: a worker
# started or replaced costs a fork, not a second of imports (under load that
# second was the p99), and the workers share the loaded code's memory.
# Nothing opens a database or Redis connection at import, so no connection is
# shared across the fork.
preload_app = True
# Replace workers now and then, so that slow leaks never add up.
max_requests = 10000
max_requests_jitter = 1000
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# LOG_FORMAT=json (the default with production settings, as in Django's):
# the error and access logs as one JSON object per line (operations/logs.py), the
# request's fields (path, user agent...) escaped as JSON strings.
_settings = os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.production")
_default_log_format = "json" if _settings.endswith(".production") else "plain"
if (os.environ.get("LOG_FORMAT") or _default_log_format).strip().lower() == "json":
    logger_class = "operations.logs.GunicornJsonLogger"
    access_log_format = "%(r)s %(s)s"
