"""The machine translator the settings choose from the environment
(LibreTranslate, DeepL or none), and the client they configure reaching the
service."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from .machine_translation import LIBRETRANSLATE

pytestmark = pytest.mark.django_db

DEEPL = "editorial.deepl.GlossaryDeepLTranslator"


def run_with_settings(code, **env):
    """Run Python ``code`` in a new process with the test settings and only
    these machine translation variables in its environment."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name
        not in {
            "DEEPL_API_KEY",
            "DEEPL_API_URL",
            "LIBRETRANSLATE_URL",
            "LIBRETRANSLATE_API_KEY",
            "MACHINE_TRANSLATION_TIMEOUT",
        }
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings.test")
    result = subprocess.run(  # noqa: S603 (our own code)
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def machine_translator_setting(**env):
    return run_with_settings(
        "import json\n"
        "from django.conf import settings\n"
        "print(json.dumps(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', "
        "'absent')))",
        **env,
    )


class TestTheSettingsChooseByEnvironment:
    def test_libretranslate_with_its_url(self):
        assert machine_translator_setting(
            LIBRETRANSLATE_URL="http://x/",
            LIBRETRANSLATE_API_KEY="secret",
            MACHINE_TRANSLATION_TIMEOUT="5",
        ) == {
            "CLASS": LIBRETRANSLATE,
            "OPTIONS": {
                "LIBRETRANSLATE_URL": "http://x",
                "API_KEY": "secret",
                "TIMEOUT": 5,
            },
        }

    def test_libretranslate_without_a_key(self):
        assert machine_translator_setting(LIBRETRANSLATE_URL="http://x") == {
            "CLASS": LIBRETRANSLATE,
            "OPTIONS": {"LIBRETRANSLATE_URL": "http://x", "API_KEY": "", "TIMEOUT": 30},
        }

    def test_deepl_with_its_key(self):
        assert machine_translator_setting(DEEPL_API_KEY="k") == {
            "CLASS": DEEPL,
            "OPTIONS": {"AUTH_KEY": "k", "API_URL": "", "TIMEOUT": 30},
        }

    def test_deepl_at_another_address(self):
        setting = machine_translator_setting(
            DEEPL_API_KEY="k", DEEPL_API_URL="http://127.0.0.1:9/"
        )
        assert setting["OPTIONS"]["API_URL"] == "http://127.0.0.1:9/"

    def test_deepl_when_both_are_set(self):
        setting = machine_translator_setting(
            DEEPL_API_KEY="k", LIBRETRANSLATE_URL="http://x"
        )
        assert setting["CLASS"] == DEEPL

    def test_none_without_either(self):
        assert machine_translator_setting() == "absent"

    def test_the_configured_client_reaches_the_service(self, stand_in):
        """The settings built from the environment drive the real client."""
        stand_in.api_key = "from-the-environment"
        translated = run_with_settings(
            "import json, django\n"
            "django.setup()\n"
            "from wagtail.models import Locale\n"
            "from wagtail_localize.machine_translators import get_machine_translator\n"
            "from wagtail_localize.strings import StringValue\n"
            "translator = get_machine_translator()\n"
            "result = translator.translate(Locale(language_code='pl'),\n"
            "    Locale(language_code='fi'), [StringValue('Dzień dobry')])\n"
            "print(json.dumps({s.data: t.data for s, t in result.items()}))",
            LIBRETRANSLATE_URL=stand_in.url + "/",
            LIBRETRANSLATE_API_KEY="from-the-environment",
        )
        assert translated == {"Dzień dobry": "[fi] Dzień dobry"}
        (request,) = stand_in.requests
        assert request["json"] == {
            "q": ["Dzień dobry"],
            "source": "pl",
            "target": "fi",
            "api_key": "from-the-environment",
            "format": "html",
        }
