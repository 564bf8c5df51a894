"""A member library's Wagtail site embeds a tutorial through its oEmbed finder."""

import re

from bs4 import BeautifulSoup
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.finders.oembed import OEmbedFinder


def test_wagtails_oembed_finder_turns_a_tutorial_address_into_an_embed(
    live_site, settings
):
    tutorial_url = f"{live_site.url}/en/tutorials/spotkanie-online/"
    provider = {
        "endpoint": f"{live_site.url}/oembed/",
        "urls": [rf"^{re.escape(live_site.url)}/.+$"],
    }
    finder = OEmbedFinder(providers=[provider])
    assert finder.accept(tutorial_url)

    found = finder.find_embed(tutorial_url, max_width=480)
    assert found["type"] == "video"
    assert found["title"] == "A library's first online meeting"
    assert (found["width"], found["height"]) == (480, 270)
    iframe = BeautifulSoup(found["html"], "html.parser").iframe
    assert iframe["src"] == f"{tutorial_url}embed/"

    # The whole way, as the consuming site's editors would: an embed block or
    # {% embed %} tag finds it through WAGTAILEMBEDS_FINDERS and stores it.
    settings.WAGTAILEMBEDS_FINDERS = [
        {"class": "wagtail.embeds.finders.oembed", "providers": [provider]}
    ]
    embed = get_embed(f"{live_site.url}/pl/filmy/wirtualna-wystawa/")
    assert embed.type == "video"
    assert embed.title == "Wirtualna wystawa ze zeskanowanych zdjęć"
    assert "/pl/filmy/wirtualna-wystawa/embed/" in embed.html
    assert embed.thumbnail_url.startswith(f"{live_site.url}/media/images/")


def test_a_draft_tutorial_is_not_found_by_the_consumer(live_site):
    from wagtail.embeds.exceptions import EmbedNotFoundException

    from tutorials.models import TutorialPage

    TutorialPage.objects.get(
        slug="spotkanie-online", locale__language_code="en"
    ).unpublish()
    finder = OEmbedFinder(
        providers=[{"endpoint": f"{live_site.url}/oembed/", "urls": [r"^http://.+$"]}]
    )
    try:
        finder.find_embed(f"{live_site.url}/en/tutorials/spotkanie-online/")
    except EmbedNotFoundException:
        pass
    else:
        raise AssertionError("the finder found a draft tutorial")
