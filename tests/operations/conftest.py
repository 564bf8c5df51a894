"""Fixtures shared by the operations tests.

Only fixtures a test asks for by name belong here: the page cache, an autouse
fixture, is in page_cache.py, imported by the test_cache*.py modules alone.
"""

import pytest

from projects.models import ProjectPage

from .page_cache import english


@pytest.fixture
def project():
    """An English project page of the demo (test_cache*.py)."""
    return english(ProjectPage, slug="podaj-dalej")
