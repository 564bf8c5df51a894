"""Wagtail and the platform's apps: upload limits, embeds, media, the API,
search, background work and translation. Read by base.py."""

import os
from urllib.parse import urlsplit

from core.displayed import DEFAULT_SITE_NAME, SiteName

from .environment import env_bool, env_list

# Uploads: limits with a clear error, and only file types that cannot run
# script in the site's origin (no SVG, HTML or JavaScript).
MEGABYTE = 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = (
    int(os.environ.get("MAX_IMAGE_UPLOAD_MB", "10")) * MEGABYTE
)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(
    os.environ.get("MAX_IMAGE_PIXELS", str(40 * 1000 * 1000))
)
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp", "avif"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = (
    int(os.environ.get("MAX_DOCUMENT_UPLOAD_MB", "50")) * MEGABYTE
)
WAGTAILDOCS_DOCUMENT_FORM_BASE = "operations.uploads.DocumentForm"
# Images are opened whole before they are saved (a truncated file is refused).
WAGTAILIMAGES_IMAGE_FORM_BASE = "operations.uploads.ImageForm"
WAGTAILMEDIA_MAX_UPLOAD_SIZE = (
    int(os.environ.get("MAX_MEDIA_UPLOAD_MB", "500")) * MEGABYTE
)
# Form fields other than files held in memory (files go to disk past 2.5 MB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * MEGABYTE
# Documents only through Wagtail's view (/documents/<id>/<name>), which checks
# collection privacy and sends anything but a PDF as an attachment, with
# "default-src 'none'" (plus a sandbox, operations/security.py). operations/media.py
# refuses /media/documents/.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Wagtail's password forms (a page's, a document's) in the site's layout.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"  # noqa: S105 (a template)
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"  # noqa: S105
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True

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
    "MEDIA_FORM_BASE": "operations.uploads.MediaForm",
}

# Who may do what to a page: the editorial app's policy, asked by every page
# type (core/permissions.py) on every path of the admin.
PAGE_PERMISSION_TESTER = "editorial.policy.PolicyPagePermissionTester"

# Wagtail
# The network's name, as it sets it; by default "Library network", shown in the
# reader's language (core/displayed.py).
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME") or SiteName(DEFAULT_SITE_NAME)
# The served address, for links in e-mails (`make demo` and `make serve` set
# it from HOST and PORT).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# Editors' avatars: their own uploads or initials, never a request to Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# E-mail: review notifications (submitted, changes requested, approved), in
# each recipient's admin language. Sent by SMTP (EMAIL_HOST...) unless
# EMAIL_BACKEND says otherwise; the demo writes them to a folder (dev.py).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))


def _mail_domain(base_url):
    """The served host name, if it is a name (not an address or localhost)."""
    host = urlsplit(base_url).hostname or ""
    named = "." in host and not host.replace(".", "").isdigit()
    return host if named else "localhost"


# The sender: the site's name at no-reply@ the served host name.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or (
    f"{WAGTAIL_SITE_NAME} <no-reply@{_mail_domain(WAGTAILADMIN_BASE_URL)}>"
)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = (
    os.environ.get("WAGTAILADMIN_NOTIFICATION_FROM_EMAIL") or DEFAULT_FROM_EMAIL
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL") or DEFAULT_FROM_EMAIL
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
WAGTAILLOCALIZE_JOBS = {"BACKEND": "editorial.jobs.BackgroundJobBackend"}

# A new translation starts as a draft, whatever the source's state: it goes
# live only through review (wagtail-localize would publish the untranslated
# copy at once).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation in wagtail-localize's editor: DeepL with an API key,
# LibreTranslate with a URL, or none. Its output is marked as machine-made and,
# like every translation, goes through moderation before it is published.
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
LIBRETRANSLATE_URL = os.environ.get("LIBRETRANSLATE_URL", "").rstrip("/")
# DeepL gets the network's glossary of each language pair (editorial/deepl.py);
# DEEPL_API_URL replaces the address the key implies (free or paid API).
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "editorial.deepl.GlossaryDeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": DEEPL_API_KEY,
            "API_URL": os.environ.get("DEEPL_API_URL", ""),
            "TIMEOUT": int(os.environ.get("MACHINE_TRANSLATION_TIMEOUT", "30")),
        },
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

# Readers' machine translation (the reading app) uses the same service, for
# stories not yet in the reader's language; a network turns it off or
# chooses its languages in the admin (a site setting). The translations are
# kept in the default cache per page, live revision and language for
# READING_CACHE_SECONDS; readers are counted in the cache and written to the
# database every READING_COUNT_BATCH new readers.
READING_CACHE_SECONDS = int(os.environ.get("READING_CACHE_SECONDS", str(30 * 86400)))
READING_COUNT_BATCH = int(os.environ.get("READING_COUNT_BATCH", "10"))
