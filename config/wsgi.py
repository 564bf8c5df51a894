import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Search's lemma dictionaries (a few seconds), read before gunicorn forks its
# workers (preload_app), so that no reader's first search waits for them.
from search.lemmas import preload  # noqa: E402 (after Django is set up)

preload()
