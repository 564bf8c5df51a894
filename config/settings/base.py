"""Settings shared by every environment.

Everything that differs between a laptop and production comes from the
environment (see README.md, "Configuration"), so that one code base serves both.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from .environment import cache_folder_name, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before core, which replaces its redirect handlers (core/redirects.py).
    "wagtail.contrib.redirects",
    "core",
    "home",
    "projects",
    "practices",
    "tutorials",
    "libraries",
    "information",
    "search",
    "editorial",
    "operations",
    "reading",
    "demo",
    "django_tasks",
    "django_tasks_db",
    "wagtailmedia",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
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
    "csp",
    "axes",
]

MIDDLEWARE = [
    # First: stores whole pages for anonymous readers (operations/page_cache.py)...
    "operations.page_cache.UpdateCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # ...serves them at once to a reader with no session...
    "operations.page_cache.EarlyFetchFromCacheMiddleware",
    "operations.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # A database outage answers 503 with Retry-After, not 500 (templates/503.html).
    "operations.middleware.DatabaseUnavailableMiddleware",
    # A POST missing a field its form always sends answers 400, not 500.
    "operations.middleware.IncompleteFormMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    # A NUL in the query string answers 400 (in the page's language) before
    # any view reads it.
    "operations.middleware.NulInQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An image a page uses changes only by a network editor (editorial).
    "editorial.assets.ImagesInUseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.redirects.PublicRedirectMiddleware",
    # ...and to the others, once the user is known (after AuthenticationMiddleware).
    "operations.page_cache.FetchFromCacheMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make demo` writes to one file from several gunicorn workers and the
    # translation worker. A transaction takes the write lock as it begins
    # (IMMEDIATE), so that it waits its turn (up to `timeout` seconds); one
    # that began reading and wanted to write midway could only be refused
    # ("database is locked"). WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif os.environ.get("DATABASE_JIT", "off") == "off":
    # PostgreSQL's JIT compiles a query's plan once its estimated cost is
    # high, which pays for long reports, not for a page's short queries: with
    # a few thousand practices it spent 79 of a listing's 92 ms compiling
    # (issue 20). Off for the site's connections; DATABASE_JIT=server leaves
    # it to the server's setting (behind PgBouncer, which refuses the
    # startup option: set `ALTER DATABASE … SET jit = off` there instead).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else files in a folder that every
# process on this machine shares (the embedded default, `make demo`).
# Redis is only a cache: if it goes away the site keeps serving, uncached, and
# logs each failure (IGNORE_EXCEPTIONS; short timeouts so that a dead server
# costs a request half a second at most per attempt). /readyz still says so.
# "pages" holds whole pages (wagtail-cache) under a prefix of its own: clearing
# it deletes those keys only (operations.page_cache.RedisPageCache), never the
# Redis database.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "library-network")
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(60 * 60 * 24)))
# How many pages it keeps, however the addresses vary (Redis evicts nothing):
# queries per address (and not-found pages, and redirects), and pages in all.
PAGE_CACHE_VARIANTS = int(os.environ.get("PAGE_CACHE_VARIANTS", "50"))
PAGE_CACHE_MAX_ENTRIES = int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "10000"))
# Without Redis: CACHE_DIR/<database>/pages and /default. A folder per
# database, so that pointing DATABASE_URL elsewhere (or a test's copy of the
# demo) never serves another database's pages.
CACHE_DIR = Path(os.environ.get("CACHE_DIR") or BASE_DIR / "cache")
if REDIS_URL:
    _redis_options = {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
        "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
    }
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": _redis_options,
        },
        "pages": {
            "BACKEND": "operations.page_cache.RedisPageCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}:pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": _redis_options,
        },
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    # Shared by the gunicorn workers (and by a manage.py that publishes, which
    # clears the pages): Django's file-based cache, not its database cache,
    # as SQLite allows one writer at a time ("database is locked" under the
    # demo). The default cache is shared too: Wagtail keeps in it the sites'
    # root paths, image renditions and a redirect import between its two
    # steps, and clears them in the process that changes them; page-password
    # failures are counted in it (operations/file_cache.py: counts that add
    # up across processes). Django culls a file cache past MAX_ENTRIES;
    # for the pages that is only a safety net behind the bounds above.
    _cache_folder = CACHE_DIR / cache_folder_name(DATABASES["default"])
    CACHES = {
        "default": {
            "BACKEND": "operations.file_cache.SharedFileCache",
            "LOCATION": str(_cache_folder / "default"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "pages": {
            "BACKEND": "operations.file_cache.SharedFileCache",
            "LOCATION": str(_cache_folder / "pages"),
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": 3 * PAGE_CACHE_MAX_ENTRIES},
        },
    }

# Whole pages cached for anonymous readers (operations/page_cache.py), in a
# cache every process shares (Redis, or the folder above), so that a publish
# clears them for all.
WAGTAIL_CACHE = env_bool("PAGE_CACHE", True)
WAGTAIL_CACHE_BACKEND = "pages"
WAGTAIL_CACHE_HEADER = "X-Wagtail-Cache"

# The most practices a printable booklet holds (practices.booklet), so that
# making one stays well inside GUNICORN_TIMEOUT: 30 took 8 s on a 2-core
# machine (0.8 s for the demo's one); the cover says how many more the list
# has.
BOOKLET_MAX_PRACTICES = int(os.environ.get("BOOKLET_MAX_PRACTICES", "30"))

# A CDN in front is purged when pages change (wagtail.contrib.frontend_cache):
# Varnish or another cache that takes HTTP PURGE requests at
# FRONTEND_CACHE_HTTP_URL, Cloudflare (CLOUDFLARE_ZONE_ID with
# CLOUDFLARE_BEARER_TOKEN), Fastly (FASTLY_SERVICE_ID with FASTLY_API_TOKEN)
# and/or CloudFront (CLOUDFRONT_DISTRIBUTION_ID, with the AWS credentials from
# the environment). Cloudflare and Fastly are purged by cache tag, the others
# by URL (operations/cdn.py). It may keep a page for PAGE_CACHE_CDN_SECONDS
# (Cache-Control s-maxage; browsers always ask again).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_HTTP_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_HTTP_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "operations.cdn.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
    }
if os.environ.get("FASTLY_SERVICE_ID"):
    WAGTAILFRONTENDCACHE["fastly"] = {
        "BACKEND": "operations.cdn.FastlyBackend",
        "SERVICE_ID": os.environ["FASTLY_SERVICE_ID"],
        "API_TOKEN": os.environ.get("FASTLY_API_TOKEN", ""),
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
PAGE_CACHE_CDN_SECONDS = int(
    os.environ.get("PAGE_CACHE_CDN_SECONDS", "300" if WAGTAILFRONTENDCACHE else "0")
)

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
# A view restriction on an original page also covers its translations (and
# their sections), until a network sets this to false (README, "Who sees what").
TRANSLATIONS_SHARE_PRIVACY = env_bool("TRANSLATIONS_SHARE_PRIVACY", True)
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
# Our interface's catalogues, then the strings Wagtail, wagtail-localize and
# wagtailmedia leave untranslated (editorial/admin_language.py); both come
# before the packages' own. A string no catalogue translates shows in English
# (core/string_fallback.py), not in LANGUAGE_CODE's language.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "editorial" / "admin_locale"]
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
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Leaflet from npm (package-lock.json; `npm ci`), served by the site itself.
    ("leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
]
# The map of member libraries (libraries/maps.py): the tile server, a URL
# template as Leaflet reads it ({s} a subdomain), and the attribution its
# licence asks for. Its host, and only it, is added to the CSP's img-src
# (operations/security.py).
MAP_TILE_URL = os.environ.get(
    "MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    " contributors",
)
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
# The bucket then serves the files, so the rule of core/public_files.py (a
# file is public while a page the public may see uses it) holds only if the
# bucket is private and every URL signed (README, "Video tutorials"): the
# site hands out a file's URL only on the pages that show it and in the
# admin. A signed URL lasts as long as a page showing it may be kept (the
# page cache, then a CDN), and six hours more for its reader; S3 signs for 7
# days at most. With a custom domain (a CDN) URLs are signed with a CloudFront key
# pair, or not at all (`manage.py check --deploy` warns).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    AWS_QUERYSTRING_EXPIRE = min(
        int(
            os.environ.get(
                "AWS_QUERYSTRING_EXPIRE",
                str(PAGE_CACHE_SECONDS + PAGE_CACHE_CDN_SECONDS + 6 * 60 * 60),
            )
        ),
        7 * 24 * 60 * 60,
    )
    AWS_CLOUDFRONT_KEY_ID = os.environ.get("AWS_CLOUDFRONT_KEY_ID") or None
    AWS_CLOUDFRONT_KEY = os.environ.get("AWS_CLOUDFRONT_KEY", "").encode() or None
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    # Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
    SERVE_MEDIA = False

# Security headers, for every environment.
# Content-Security-Policy (django-csp): public pages carry no inline script or
# style and need no nonce, so the same header suits a page cached whole. The
# admin (Wagtail needs inline script, wagtail/wagtail#1288) gets this policy as
# Content-Security-Policy-Report-Only (operations/security.py); the tutorial embed
# page lets any site frame it (tutorials/models.py).
YOUTUBE_PLAYER_ORIGIN = "https://www.youtube-nocookie.com"
# Where uploaded media come from besides this site: the S3 bucket's origin.
MEDIA_ORIGINS = env_list("MEDIA_ORIGINS")
if AWS_STORAGE_BUCKET_NAME:
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS.append(f"https://{AWS_S3_CUSTOM_DOMAIN.split('/')[0]}")
    elif AWS_S3_ENDPOINT_URL:
        _endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
        MEDIA_ORIGINS += [
            f"{_endpoint.scheme}://{_endpoint.netloc}",
            f"{_endpoint.scheme}://{AWS_STORAGE_BUCKET_NAME}.{_endpoint.netloc}",
        ]
    else:
        MEDIA_ORIGINS.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
        if AWS_S3_REGION_NAME:
            MEDIA_ORIGINS.append(
                f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com"
            )
MEDIA_ORIGINS = list(dict.fromkeys(MEDIA_ORIGINS))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS],
        "font-src": [SELF],
        "frame-src": [SELF, YOUTUBE_PLAYER_ORIGIN, *env_list("CSP_FRAME_SRC")],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        # Where browsers report violations (and, in the admin, what would be).
        **(
            {"report-uri": os.environ["CSP_REPORT_URI"]}
            if os.environ.get("CSP_REPORT_URI")
            else {}
        ),
    },
}
CSP_REPORT_ONLY_PATH_PREFIXES = ["/admin/"]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Permissions-Policy: no powerful feature for anyone; full screen and
# picture-in-picture for the site's own video player and the YouTube player it
# frames. (A site framing the embed page delegates them with the iframe's
# allow="fullscreen; picture-in-picture", as the offered snippet does.)
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "ambient-light-sensor": [],
    "autoplay": ["self", YOUTUBE_PLAYER_ORIGIN],
    "bluetooth": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": ["self", YOUTUBE_PLAYER_ORIGIN],
    "fullscreen": ["self", YOUTUBE_PLAYER_ORIGIN],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "interest-cohort": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self", YOUTUBE_PLAYER_ORIGIN],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failed attempts
# for one username from one address, that pair is locked out for the cool-off,
# which every further attempt starts again; operations/security.py answers with a
# page (429) saying when to try again.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
# No start-up banner on standard output (management commands print there);
# failed sign-ins and lock-outs are still logged.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "operations.security.lockout_response"
# The client's address (operations.security.client_ip_address), for sign-in and
# page-password throttling: REMOTE_ADDR, unless TRUSTED_PROXY_COUNT names the
# proxies of our own in front of the app (in every environment, production
# too, none by default); then the address the outermost one saw, from
# X-Forwarded-For. Never set it where clients reach the app directly: they
# could then pick their own address. (This callable is what django-axes asks;
# its AXES_IPWARE_* settings are for django-ipware, which is not used.)
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT is the number of proxies of our own in front of the "
        f"app (0 or more), not {TRUSTED_PROXY_COUNT}."
    )
AXES_CLIENT_IP_CALLABLE = "operations.security.client_ip_address"
# The password forms of private pages and document collections are throttled
# alike (operations/page_passwords.py), per restriction and client address.
PAGE_PASSWORD_FAILURE_LIMIT = AXES_FAILURE_LIMIT
PAGE_PASSWORD_COOLOFF = AXES_COOLOFF_TIME

# Backups (operations/backups/) are signed: an HMAC-SHA256 of their manifest,
# keyed with BACKUP_SIGNING_KEY. Without one, the demo and development derive
# a key from SECRET_KEY; production (BACKUP_KEY_FROM_SECRET_KEY = False)
# neither makes nor restores a backup.
BACKUP_SIGNING_KEY = os.environ.get("BACKUP_SIGNING_KEY", "")
BACKUP_KEY_FROM_SECRET_KEY = True

# Wagtail and the platform's apps (uploads, media, search, translation,
# background work), and logging: each in a module of its own.
from .logs import *  # noqa: E402, F403
from .publishing import *  # noqa: E402, F403
