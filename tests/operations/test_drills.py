"""The fault drills (bench/drills.py), short form: Redis and PostgreSQL
stopped under load, workers killed in the middle of a write.

They start a PostgreSQL cluster and a redis-server of their own (as root,
through runuser), never touching the shared ones, and copy the demo database
of this test session into the private cluster. Outside CI they are skipped
when that is impossible (SQLite, not root, no server binaries); in CI
(CI=true) a missing prerequisite fails.
"""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

SKIPPED = 77  # bench/drills.py: the prerequisites are missing
DRILLS = ["A", "B", "C1", "C2"]


def _cannot_run(reason):
    if os.environ.get("CI"):
        pytest.fail(f"The fault drills cannot run in CI: {reason}")
    pytest.skip(reason)


def test_the_short_fault_drills_pass(demo_database):
    if connection.vendor != "postgresql":
        _cannot_run("the fault drills need PostgreSQL (DATABASE_URL=postgres://…)")
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [
            sys.executable,
            "bench/drills.py",
            "--short",
            "--demo-url",
            demo_database.url,
        ],
        cwd=settings.BASE_DIR,
        # The files the demo database refers to, loaded by this test session.
        env={**os.environ, "MEDIA_ROOT": str(settings.MEDIA_ROOT)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = result.stdout + result.stderr[-5000:]
    if result.returncode == SKIPPED:
        _cannot_run(result.stdout.strip())
    outcomes = dict(re.findall(r"^Drill (\w+): (PASS|FAIL)", result.stdout, re.M))
    assert outcomes == dict.fromkeys(DRILLS, "PASS"), output
    assert result.returncode == 0, output
