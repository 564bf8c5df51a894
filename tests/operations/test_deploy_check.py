"""`manage.py check --deploy` passes with the production settings."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def test_the_deploy_check_is_clean(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "AWS_", "REDIS_"))
    }
    environment.update(
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.org",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_trusts_no_proxy_and_signs_backups_unless_told(tmp_path):
    """TRUSTED_PROXY_COUNT unset: X-Forwarded-For is not read (README,
    "Production"); BACKUP_SIGNING_KEY unset: no backup is made or restored
    (tests/operations/test_backup_checks.py)."""
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.BACKUP_KEY_FROM_SECRET_KEY, s.TRUSTED_PROXY_COUNT, s.X_FRAME_OPTIONS,"
        " s.SECURE_CONTENT_TYPE_NOSNIFF)"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith("DJANGO_")
                and k not in ("TRUSTED_PROXY_COUNT", "BACKUP_SIGNING_KEY")
            },
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "example.org",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.split()[-4:] == ["False", "0", "DENY", "True"], result.stderr
