"""Settings shared by every environment.

Everything that differs between a laptop and production comes from the
environment (see README.md, "Configuration"), so that one code base serves both.
"""

import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


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


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "projects",
    "practices",
    "tutorials",
    "libraries",
    "search",
    "translations",
    "django_tasks",
    "django_tasks_db",
    "wagtailmedia",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: SQLite is the embedded default; a postgres:// URL selects PostgreSQL
# through psycopg 3. CONN_MAX_AGE keeps connections between requests and
# conn_health_checks drops the ones a database restart has broken.
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else memory local to the process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "library-network"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": (
            "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
        )
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. The network's languages are configuration: set SITE_LANGUAGES
# (codes Django knows, the first one the default) and run
# `manage.py setup_locales` to add one. Each language is named in itself.
SITE_LANGUAGE_CODES = env_list("SITE_LANGUAGES", "pl,en,ru,fi")
for _code in SITE_LANGUAGE_CODES:
    if _code not in LANG_INFO or "name_local" not in LANG_INFO[_code]:
        raise ImproperlyConfigured(
            f"SITE_LANGUAGES names {_code!r}, which Django does not know as a "
            "language code (use codes such as pl, en, ru, fi, uk, de)."
        )
LANGUAGE_CODE = SITE_LANGUAGE_CODES[0]
LANGUAGES = [(code, LANG_INFO[code]["name_local"]) for code in SITE_LANGUAGE_CODES]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Content not yet translated into the reader's language is listed in the first
# of these it exists in (then in the site's other languages), marked as such.
FALLBACK_LANGUAGES = env_list("FALLBACK_LANGUAGES", "en")
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Editors may use the admin in any language Wagtail itself is translated into
# among the network's own and these.
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    (code, LANG_INFO[code]["name_local"])
    for code in dict.fromkeys([*SITE_LANGUAGE_CODES, "pl", "en", "ru", "fi"])
]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Warsaw")
USE_TZ = True

# Static files: collected, compressed and served with hashed names by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Serve uploaded media from the app (False where a web server or S3 does it);
# the app answers byte-range requests, so videos seek.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

# Uploaded media on S3-compatible storage when a bucket is named.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    # Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
    SERVE_MEDIA = False

# YouTube plays from youtube-nocookie.com; other providers as Wagtail knows them.
WAGTAILEMBEDS_FINDERS = [
    {"class": "tutorials.embeds.PrivacyEnhancedYouTubeFinder"},
    {"class": "wagtail.embeds.finders.oembed"},
]

# The API answers in JSON only: no browsable HTML pages.
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

WAGTAILMEDIA = {
    "MEDIA_MODEL": "wagtailmedia.Media",
    "AUDIO_EXTENSIONS": ["mp3", "ogg", "oga", "m4a", "wav"],
    "VIDEO_EXTENSIONS": ["mp4", "webm", "ogv", "m4v"],
}

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Library network")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# Search: Wagtail's database backend, each language stemmed as itself
# (search/backends.py). A network that outgrows PostgreSQL sets SEARCH_BACKEND
# to Wagtail's OpenSearch backend (wagtail.search.backends.opensearch2, with
# the opensearch-py package) and SEARCH_URLS to its servers.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": os.environ.get("SEARCH_BACKEND", "search.backends"),
        **(
            {
                "URLS": env_list("SEARCH_URLS"),
                "INDEX": os.environ.get("SEARCH_INDEX", "library-network"),
            }
            if os.environ.get("SEARCH_URLS")
            else {}
        ),
    }
}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odp",
    "ods",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
]
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Background work. Wagtail's own small tasks (search index, references) run at
# once, as they always have; translating a subtree (a whole project) is queued
# on the database and carried out by a worker:
#     manage.py db_worker --backend background --queue-name translations
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["translations"],
    },
}
WAGTAILLOCALIZE_JOBS = {"BACKEND": "translations.jobs.BackgroundJobBackend"}

# A new translation starts as a draft, whatever the source's state: it goes
# live only through review (wagtail-localize would publish the untranslated
# copy at once).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation in wagtail-localize's editor: DeepL with an API key,
# LibreTranslate with a URL, or none. Its output is marked as machine-made and,
# like every translation, goes through moderation before it is published.
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
LIBRETRANSLATE_URL = os.environ.get("LIBRETRANSLATE_URL", "").rstrip("/")
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY},
    }
elif LIBRETRANSLATE_URL:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": LIBRETRANSLATE_URL,
            "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
            "TIMEOUT": int(os.environ.get("MACHINE_TRANSLATION_TIMEOUT", "30")),
        },
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        # Wagtail runs search indexing and reference updates as tasks; one log
        # line each drowns out everything else.
        "django_tasks": {"level": "WARNING"},
    },
}
