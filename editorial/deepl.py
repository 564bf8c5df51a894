"""DeepL with the network's glossary.

wagtail-localize's ``DeepLTranslator`` sends a glossary only by an id fixed in
the settings. This one makes the glossary of each language pair from the
network's terms (``glossary.entries``) on DeepL itself (API v2:
``POST /v2/glossaries`` with the entries as TSV), and names it in each
``POST /v2/translate`` as ``glossary_id``. A glossary is made again only
when the terms of the pair change (their digest is part of the cache key),
and the one it replaces is deleted, so an account does not fill up with old
glossaries. If DeepL refuses to make a glossary (a pair it has none for),
the text is translated without, and the output is checked against the terms
as LibreTranslate's is (``glossary.unfollowed``).

Configured by environment (``config/settings/publishing.py``): ``DEEPL_API_KEY``
and, for a stand-in or a proxy, ``DEEPL_API_URL``.
"""

import hashlib
import logging

import requests
from django.core.cache import cache
from wagtail_localize.machine_translators.deepl import DeepLTranslator, language_code
from wagtail_localize.strings import StringValue

from editorial import glossary

logger = logging.getLogger(__name__)


def glossary_language(code):
    """DeepL's glossaries name a language without its variant ("EN", not "EN-GB")."""
    return language_code(code).split("-")[0]


def tsv(entries):
    return "\n".join(f"{entry.source}\t{entry.target}" for entry in entries)


class GlossaryDeepLTranslator(DeepLTranslator):
    def base_url(self):
        if self.options.get("API_URL"):
            return self.options["API_URL"].rstrip("/")
        return super().get_api_endpoint().removesuffix("/v2/translate")

    def get_api_endpoint(self):
        return f"{self.base_url()}/v2/translate"

    def timeout(self):
        return int(self.options.get("TIMEOUT", 30))

    def get_parameters(self, source_locale, target_locale, strings):
        parameters = super().get_parameters(source_locale, target_locale, strings)
        glossary_id = self.glossary_id(source_locale, target_locale)
        if glossary_id:
            parameters["glossary_id"] = glossary_id
        return parameters

    def glossary_id(self, source_locale, target_locale):
        """The id of the pair's glossary on DeepL, made if the terms changed
        (None when the pair has no terms or DeepL would not make it)."""
        entries = glossary.entries(source_locale, target_locale)
        if not entries:
            return None
        source = glossary_language(source_locale.language_code)
        target = glossary_language(target_locale.language_code)
        content = tsv(entries)
        account = f"{self.base_url()} {self.options.get('AUTH_KEY', '')}"
        pair = f"{account} {source} {target}".encode()
        pair_key = "deepl-glossary:" + hashlib.sha256(pair).hexdigest()
        digest = hashlib.sha256(content.encode()).hexdigest()
        known = cache.get(pair_key)
        if known and known["digest"] == digest:
            return known["id"]
        try:
            response = requests.post(
                f"{self.base_url()}/v2/glossaries",
                json={
                    "name": f"Network glossary {source}-{target}",
                    "source_lang": source,
                    "target_lang": target,
                    "entries": content,
                    "entries_format": "tsv",
                },
                headers=self.get_headers(),
                timeout=self.timeout(),
            )
            response.raise_for_status()
            glossary_id = response.json()["glossary_id"]
        except (requests.RequestException, KeyError, ValueError) as error:
            logger.warning("DeepL glossary not made (%s-%s): %s", source, target, error)
            return None
        if known:
            self.delete_glossary(known["id"])
        cache.set(pair_key, {"digest": digest, "id": glossary_id}, None)
        return glossary_id

    def delete_glossary(self, glossary_id):
        try:
            requests.delete(
                f"{self.base_url()}/v2/glossaries/{glossary_id}",
                headers=self.get_headers(),
                timeout=self.timeout(),
            )
        except requests.RequestException as error:
            logger.warning("Old DeepL glossary %s not deleted: %s", glossary_id, error)

    def translate(self, source_locale, target_locale, strings):
        # As wagtail-localize's, with a refusal raised as such (its own reads
        # a refusal's body as translations and fails to).
        strings = list(strings)
        response = requests.post(
            self.get_api_endpoint(),
            self.get_parameters(source_locale, target_locale, strings),
            timeout=self.timeout(),
            headers=self.get_headers(),
        )
        response.raise_for_status()
        return {
            string: StringValue(translation["text"])
            for string, translation in zip(
                strings, response.json()["translations"], strict=True
            )
        }
