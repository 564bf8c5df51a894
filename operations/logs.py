"""Logs as one JSON object per line, for Django and for gunicorn (LOG_FORMAT=json).

Every line holds ``time`` (ISO 8601, UTC), ``level``, ``logger`` and
``message``; then ``exception`` (the traceback) when there is one, the request's
``method``, ``path`` and ``status`` when the record is about a request, and any
``extra`` the caller gave. gunicorn's access log adds the client address,
query, size, referrer, user agent and duration.

This module imports neither Django nor the settings: gunicorn's master process
loads it (config/gunicorn.py) before any application is.
"""

import logging
import logging.config
from datetime import UTC, datetime

from gunicorn import glogging
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

# Record attributes that are never copied as they are: the standard ones, and
# the ones Django, gunicorn and Python 3.12 add that are turned into fields here.
_NOT_EXTRA = {*RESERVED_ATTRS, "taskName", "request", "status_code", "server_time"}


def configure(config):
    """Django's LOGGING_CONFIG: dictConfig, and with JSON logs Python's warnings
    too go through logging (as logger ``py.warnings``), not as bare text."""
    logging.config.dictConfig(config)
    formatters = {
        handler.get("formatter") for handler in config.get("handlers", {}).values()
    }
    if "json" in formatters:
        logging.captureWarnings(True)


class JsonFormatter(BaseJsonFormatter):
    """A log record as one line of JSON."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        log_data["time"] = datetime.fromtimestamp(record.created, UTC).isoformat(
            timespec="milliseconds"
        )
        log_data["level"] = record.levelname
        log_data["logger"] = record.name
        log_data["message"] = record.message
        exception = message_dict.pop("exc_info", None)
        if exception:
            log_data["exception"] = exception
        stack = message_dict.pop("stack_info", None)
        if stack:
            log_data["stack"] = stack
        log_data.update(_request_fields(record))
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            log_data.update(_access_fields(record.args))
        for key, value in {**record.__dict__, **message_dict}.items():
            if key not in _NOT_EXTRA and not key.startswith("_"):
                log_data.setdefault(key, value)


def _request_fields(record):
    """What Django's loggers say about the request (``extra={"request": ...}``)."""
    fields = {}
    request = getattr(record, "request", None)
    method = getattr(request, "method", None)
    if method is not None:
        fields["method"] = method
        fields["path"] = getattr(request, "path", None)
    status = getattr(record, "status_code", None)
    if status is not None:
        fields["status"] = status
    return fields


def _access_fields(atoms):
    """gunicorn's access log atoms (see gunicorn's ``access_log_format``)."""

    def atom(key):
        value = atoms.get(key)
        return None if value in (None, "-") else value

    status = atom("s")
    return {
        "remote_addr": atom("h"),
        "method": atom("m"),
        "path": atom("U"),
        "query": atom("q") or None,
        "protocol": atom("H"),
        "status": int(status) if str(status).isdigit() else status,
        "bytes": atom("B"),
        "referrer": atom("f"),
        "user_agent": atom("a"),
        "duration_ms": atom("M"),
    }


class _RawAtoms(glogging.SafeAtoms):
    """gunicorn's access log atoms as received: JSON does the escaping (gunicorn's
    own SafeAtoms puts a backslash before each double quote)."""

    def __init__(self, atoms):
        dict.__init__(self, atoms)


class GunicornJsonLogger(glogging.Logger):
    """gunicorn's logger (error and access log), each line one JSON object."""

    atoms_wrapper_class = _RawAtoms

    def setup(self, cfg):
        super().setup(cfg)
        formatter = JsonFormatter()
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(formatter)
