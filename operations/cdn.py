"""CDNs purged by cache tag (operations.page_cache), for wagtail.contrib.frontend_cache.

A response cached whole carries its tags (``core.cache_tags``) as
``Cache-Tag`` and ``Surrogate-Key``; a change purges the same tags here, so a
CDN keeps what the change did not touch, as the page cache does. A backend
here has ``purge_tags(tags)`` and ``purge_everything()`` besides the URL
purges Wagtail's own handlers send on publishing; a backend without them
(Varnish over HTTP, CloudFront) is sent URLs, as before.

- ``CloudflareBackend``: Wagtail's, plus Cloudflare's purge by tags
  (``POST /zones/<zone>/purge_cache`` with ``{"tags": [...]}``, 30 a call)
  and ``{"purge_everything": true}``. ``API_URL`` (tests: a local
  stand-in) defaults to Cloudflare's.
- ``FastlyBackend``: Fastly's surrogate-key purge (``POST
  /service/<id>/purge`` with the keys in a ``Surrogate-Key`` header, 256 a
  call), ``purge_all`` and its URL purge; ``SERVICE_ID``, ``API_TOKEN``,
  ``API_URL``.

A failed purge is logged, never raised: publishing goes on, and the CDN
keeps a page at most PAGE_CACHE_CDN_SECONDS.
"""

import logging
from urllib.parse import urlsplit

import requests
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.contrib.frontend_cache.backends import (
    CloudflareBackend as WagtailCloudflareBackend,
)

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class CloudflareBackend(WagtailCloudflareBackend):
    TAGS_PER_CALL = 30

    def __init__(self, params):
        params = dict(params)
        api_url = params.pop("API_URL", "https://api.cloudflare.com/client/v4")
        super().__init__(params)
        zone = self.cloudflare_zoneid
        self.endpoint = f"{api_url.rstrip('/')}/zones/{zone}/purge_cache"

    def _headers(self):
        if self.cloudflare_token:
            return {"Authorization": f"Bearer {self.cloudflare_token}"}
        return {
            "X-Auth-Email": self.cloudflare_email,
            "X-Auth-Key": self.cloudflare_api_key,
        }

    def _post(self, data):
        response = requests.post(
            self.endpoint, json=data, headers=self._headers(), timeout=TIMEOUT_SECONDS
        )
        try:
            answer = response.json()
        except ValueError:
            answer = {"success": response.ok, "errors": []}
        if not response.ok or not answer.get("success"):
            logger.error(
                "Cloudflare refused a purge (%s): %s",
                response.status_code,
                answer.get("errors"),
            )

    def purge_tags(self, tags):
        for chunk in _chunks(list(tags), self.TAGS_PER_CALL):
            self._post({"tags": chunk})

    def purge_everything(self):
        self._post({"purge_everything": True})


class FastlyBackend(BaseBackend):
    KEYS_PER_CALL = 256

    def __init__(self, params):
        super().__init__(params)
        self.service_id = params["SERVICE_ID"]
        self.api_token = params["API_TOKEN"]
        self.api_url = params.get("API_URL", "https://api.fastly.com").rstrip("/")

    def _post(self, path, headers=None):
        response = requests.post(
            f"{self.api_url}{path}",
            headers={"Fastly-Key": self.api_token, **(headers or {})},
            timeout=TIMEOUT_SECONDS,
        )
        if not response.ok:
            logger.error(
                "Fastly refused a purge of %s (%s).", path, response.status_code
            )

    def purge(self, url):
        parts = urlsplit(url)
        self._post(f"/purge/{parts.netloc}{parts.path or '/'}")

    def purge_tags(self, tags):
        for chunk in _chunks(list(tags), self.KEYS_PER_CALL):
            self._post(
                f"/service/{self.service_id}/purge",
                {"Surrogate-Key": " ".join(chunk)},
            )

    def purge_everything(self):
        self._post(f"/service/{self.service_id}/purge_all")
