"""gunicorn settings, used by `make demo` and in production.

gunicorn --config config/gunicorn.py config.wsgi
"""

import multiprocessing
import os
import re

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"


def _control_socket():
    """The control socket (``gunicornc``), one per address served.

    gunicorn 25+ puts every instance's at one path ($XDG_RUNTIME_DIR/gunicorn.ctl,
    else ~/.gunicorn/gunicorn.ctl): a second gunicorn on the machine (a second
    site, the test suite's servers) took it over, and stopping either removed
    it. Here it is named after the address, which no two running instances
    share, in the folder gunicorn would use. GUNICORN_CONTROL_SOCKET chooses
    another path.
    """
    chosen = os.environ.get("GUNICORN_CONTROL_SOCKET")
    if chosen:
        return chosen
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if not (runtime and os.path.isdir(runtime)):
        runtime = os.path.join(os.path.expanduser("~"), ".gunicorn")
    address = re.sub(r"[^A-Za-z0-9.]+", "-", bind).strip("-")
    return os.path.join(runtime, f"gunicorn-{address}.ctl")


control_socket = _control_socket()

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


def when_ready(server):
    """A page cache kept in files on this machine (no REDIS_URL) is emptied
    as the server starts: the code may have changed since its pages were made
    (operations.page_cache.clear_if_local)."""
    from django.apps import apps

    if apps.ready:  # the site is loaded in the master (preload_app)
        from operations.page_cache import clear_if_local
        from operations.warm_up import warm_master

        clear_if_local()
        # Before the workers are forked: they share what it compiled.
        warm_master()


def post_worker_init(worker):
    """Each worker opens its database connection (kept: production's
    CONN_MAX_AGE is unlimited) and loads the search dictionaries into it
    before its first request (operations.warm_up)."""
    from django.apps import apps

    if apps.ready:
        from operations.warm_up import warm_worker

        warm_worker()


# Replace workers now and then, so that slow leaks never add up; seldom, as a
# replaced worker's connection is new (issue 20: at ~3,500 cached requests a
# second, 10,000 replaced each worker every ~3 s). At that rate, every ~5 min.
max_requests = 1_000_000
max_requests_jitter = 100_000
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
