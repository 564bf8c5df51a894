"""Settings are read from the environment; each case runs a fresh interpreter."""

import ast
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


# What the suite's own process may have set; each case states what it needs.
IGNORED_ENVIRONMENT = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "AWS_STORAGE_BUCKET_NAME",
}


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in IGNORED_ENVIRONMENT
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def print_setting(expression, **env):
    code = f"from django.conf import settings; print({expression})"
    return run_manage("shell", "--no-imports", "-c", code, **env)


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "library.example.org",
}


class TestProductionSettings:
    def test_refuse_to_start_without_secret_key(self):
        env = {**PRODUCTION}
        del env["SECRET_KEY"]
        result = run_manage("check", **env)
        assert result.returncode != 0
        assert "Set the SECRET_KEY environment variable" in result.stderr

    def test_refuse_a_short_secret_key(self):
        result = run_manage("check", **{**PRODUCTION, "SECRET_KEY": "secret"})
        assert result.returncode != 0
        assert "Set the SECRET_KEY environment variable" in result.stderr

    def test_refuse_to_start_without_allowed_hosts(self):
        env = {**PRODUCTION}
        del env["ALLOWED_HOSTS"]
        result = run_manage("check", **env)
        assert result.returncode != 0
        assert "Set the ALLOWED_HOSTS environment variable" in result.stderr

    def test_deploy_check_finds_no_issue(self):
        result = run_manage(
            "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION
        )
        assert result.returncode == 0, result.stderr
        assert "no issues" in result.stdout

    def test_debug_is_off_and_static_files_are_hashed(self):
        result = print_setting(
            "settings.DEBUG, settings.STORAGES['staticfiles']['BACKEND']", **PRODUCTION
        )
        assert result.stdout.strip() == (
            "False whitenoise.storage.CompressedManifestStaticFilesStorage"
        )


class TestEnvironment:
    def test_sqlite_is_the_default_database(self):
        result = print_setting(
            "settings.DATABASES['default']['ENGINE']",
            DJANGO_SETTINGS_MODULE="config.settings.dev",
        )
        assert result.stdout.strip() == "django.db.backends.sqlite3"

    def test_a_postgres_url_selects_postgresql(self):
        result = print_setting(
            "settings.DATABASES['default']['ENGINE'], "
            "settings.DATABASES['default']['NAME']",
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            DATABASE_URL="postgres://someone@db.example.org:5432/library",
        )
        assert result.stdout.strip() == "django.db.backends.postgresql library"

    def test_redis_url_selects_the_redis_cache(self):
        result = print_setting(
            "settings.CACHES['default']['BACKEND']",
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            REDIS_URL="redis://127.0.0.1:6379/1",
        )
        assert result.stdout.strip() == "django_redis.cache.RedisCache"

    def test_without_redis_the_caches_are_a_folder_all_processes_share(self):
        """make demo: the page cache on, like production, in files (not in
        each process's memory), the default cache too, in a folder apart
        from the pages (clearing them removes every file of theirs)."""
        result = print_setting(
            "settings.WAGTAIL_CACHE, "
            "[(alias, c['BACKEND'].rsplit('.', 1)[-1], c['LOCATION']) "
            "for alias, c in sorted(settings.CACHES.items())]",
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            CACHE_DIR="/var/cache/library",
            DATABASE_URL="sqlite:////srv/library/db.sqlite3",
        )
        on, caches = result.stdout.strip().split(" ", 1)
        assert on == "True", result.stderr
        caches = ast.literal_eval(caches)
        assert [(alias, backend) for alias, backend, _ in caches] == [
            ("default", "SharedFileCache"),
            ("pages", "SharedFileCache"),
        ]
        default, pages = (Path(location) for _, _, location in caches)
        assert default.parent == pages.parent
        assert default.parent.parent == Path("/var/cache/library")
        assert default.parent.name.startswith("sqlite3-db.sqlite3-")

    def test_languages_are_configuration(self):
        result = print_setting(
            "settings.LANGUAGE_CODE, [code for code, name in settings.LANGUAGES]",
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            SITE_LANGUAGES="pl,en,ru,fi,uk",
        )
        assert result.stdout.strip() == "pl ['pl', 'en', 'ru', 'fi', 'uk']"

    def test_an_unknown_language_code_is_refused_clearly(self):
        result = run_manage(
            "check",
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            SITE_LANGUAGES="pl,xx",
        )
        assert result.returncode != 0
        assert "SITE_LANGUAGES names 'xx'" in result.stderr

    @pytest.mark.parametrize("name", ["WAGTAILADMIN_BASE_URL", "MEDIA_ROOT"])
    def test_paths_and_urls_come_from_the_environment(self, name, tmp_path):
        result = print_setting(
            f"settings.{name}",
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            **{name: str(tmp_path)},
        )
        assert result.stdout.strip() == str(tmp_path)


class TestMediaStorage:
    def test_a_bucket_puts_media_on_s3_compatible_storage(self):
        result = print_setting(
            "settings.STORAGES['default']['BACKEND'], settings.SERVE_MEDIA, "
            "settings.AWS_S3_ENDPOINT_URL",
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            AWS_STORAGE_BUCKET_NAME="library-media",
            AWS_S3_ENDPOINT_URL="https://s3.example.org",
        )
        assert result.stdout.strip() == (
            "storages.backends.s3.S3Storage False https://s3.example.org"
        )

    BUCKET = {
        "AWS_STORAGE_BUCKET_NAME": "library-media",
        "AWS_S3_REGION_NAME": "eu-central-1",
        "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "not-a-secret",  # test data
    }

    def test_on_a_bucket_every_url_is_signed_for_as_long_as_pages_are_kept(self):
        code = (
            "from django.core.files.storage import default_storage; "
            "print(default_storage.url('original_images/plakat.jpg'))"
        )
        result = run_manage(
            "shell",
            "--no-imports",
            "-c",
            code,
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            PAGE_CACHE_SECONDS="3600",
            **self.BUCKET,
        )
        url = result.stdout.strip()
        assert url.startswith(
            "https://library-media.s3.amazonaws.com/original_images/plakat.jpg?"
        ), result.stderr
        assert "X-Amz-Signature=" in url
        # The page cache's hour, then six hours for the reader.
        assert "X-Amz-Expires=25200" in url

    def test_unsigned_urls_from_a_bucket_are_a_deploy_warning(self):
        def deploy_check(**env):
            result = run_manage(
                "check",
                "--deploy",
                "--fail-level",
                "WARNING",
                **PRODUCTION,
                **self.BUCKET,
                **env,
            )
            return result.returncode, result.stdout + result.stderr

        code, output = deploy_check()
        assert code == 0, output
        code, output = deploy_check(AWS_QUERYSTRING_AUTH="false")
        assert code != 0
        assert "operations.W001" in output
        assert "AWS_QUERYSTRING_AUTH" in output
        code, output = deploy_check(AWS_S3_CUSTOM_DOMAIN="media.example.org")
        assert code != 0
        assert "AWS_CLOUDFRONT_KEY_ID" in output

    def test_without_a_bucket_media_stay_on_disk_and_the_app_serves_them(self):
        result = print_setting(
            "settings.STORAGES['default']['BACKEND'], settings.SERVE_MEDIA",
            DJANGO_SETTINGS_MODULE="config.settings.dev",
        )
        assert (
            result.stdout.strip() == "django.core.files.storage.FileSystemStorage True"
        )


@pytest.mark.django_db
def test_the_site_s_postgresql_connections_compile_no_query():
    """PostgreSQL's JIT spent most of a large listing's time compiling its
    plan (issue 20): the site's connections have it off."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
