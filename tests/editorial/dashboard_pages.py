"""Reading the translation dashboard's page, for the test_dashboard*.py modules.

The dashboard is a table: a row per translation key, a cell per locale,
each cell with its status and what it links to.
"""

import re
from html import unescape

from projects.models import ProjectIndexPage
from tests.factories import ProjectPageFactory

URL = "/admin/translations/"
ROW = re.compile(r'<tr data-translation-key="([^"]+)">(.*?)</tr>', re.S)
CELL = re.compile(r'<td data-locale="(\w+)" data-status="(\w+)">(.*?)</td>', re.S)


def get(client, query=""):
    return client.get(URL + query, headers={"accept-language": "en"})


def table(response):
    """{translation key: {locale code: (status, the cell's HTML)}}."""
    html = response.content.decode()
    return {
        key: {code: (status, body) for code, status, body in CELL.findall(row)}
        for key, row in ROW.findall(html)
    }


def statuses(response, instance):
    return {
        code: status
        for code, (status, _body) in table(response)[
            str(instance.translation_key)
        ].items()
    }


def cell(response, instance, code):
    return unescape(table(response)[str(instance.translation_key)][code][1])


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def new_project(locales, n):
    index = ProjectIndexPage.objects.get(locale=locales["pl"])
    page = ProjectPageFactory(
        parent=index,
        title=f"Projekt próbny {n}",
        slug=f"projekt-probny-{n}",
        summary=f"Opis projektu próbnego {n}.",
    )
    page.save_revision().publish()
    return page
