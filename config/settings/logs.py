"""Logging: plain lines or one JSON object per line (operations/logs.py).
Read by base.py."""

import os

from django.core.exceptions import ImproperlyConfigured


def log_format(default):
    """LOG_FORMAT: "json" (one JSON object per line, operations/logs.py) or "plain"."""
    value = os.environ.get("LOG_FORMAT", "").strip().lower() or default
    if value not in {"json", "plain"}:
        raise ImproperlyConfigured(
            f"LOG_FORMAT is {value!r}; set it to json or plain (or leave it unset)."
        )
    return value


LOG_FORMAT = log_format("plain")
LOGGING_CONFIG = "operations.logs.configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "operations.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        # Wagtail runs search indexing and reference updates as tasks; one log
        # line each drowns out everything else.
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint logs each step of each booklet (practices.booklet).
        "weasyprint": {"level": "WARNING"},
    },
}
