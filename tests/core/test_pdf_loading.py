"""WeasyPrint (and the Pango it loads through cffi) is imported only where a
PDF is made: a site whose server lacks Pango still serves every page."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LOAD_THE_SITE = """
import sys
import django
django.setup()
from django.template import engines
from django.urls import get_resolver
engines["django"].engine.template_libraries  # every tag library, imported
get_resolver().url_patterns  # every URL module
print("weasyprint" in sys.modules)
"""


def test_loading_the_site_and_its_templates_does_not_import_weasyprint():
    result = subprocess.run(  # noqa: S603 (our own interpreter, a fixed script)
        [sys.executable, "-c", LOAD_THE_SITE],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False", result.stderr
