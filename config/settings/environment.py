"""Reading settings from the environment."""

import hashlib
import os
import re


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def cache_folder_name(database):
    """A folder name of the database's own (Django's DATABASES entry): its
    engine and name, readable, and a digest of where it is."""
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    name = str(database.get("NAME") or "")
    where = "|".join(
        str(database.get(key) or "") for key in ("ENGINE", "HOST", "PORT", "NAME")
    )
    readable = re.sub(r"[^A-Za-z0-9_.-]+", "-", os.path.basename(name))[:40]
    digest = hashlib.sha256(where.encode()).hexdigest()[:12]
    return f"{engine}-{readable}-{digest}"
