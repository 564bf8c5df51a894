from datetime import timedelta

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.test.utils.form_data import inline_formset, rich_text

from core.models import Audience
from home.models import HomePage
from tests.factories import TutorialPageFactory
from tests.pages import DemoPageTestCase, form_data
from tutorials.models import TutorialIndexPage, TutorialPage

VIDEO = "https://www.youtube.com/watch?v=library-webinar"


def store_embed(url):
    """What Wagtail's oEmbed finder would have fetched, so no request leaves."""
    Embed.objects.create(
        hash=get_embed_hash(url, None, None),
        url=url,
        type="video",
        html='<iframe title="Webinar w bibliotece" src="https://www.youtube-nocookie.com/embed/x"></iframe>',
        title="Webinar w bibliotece",
        width=560,
        height=315,
    )


class TestTutorialIndexPage(DemoPageTestCase):
    def test_lives_under_the_home_page_and_holds_tutorials(self):
        self.assertAllowedParentPageTypes(TutorialIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(TutorialIndexPage, {TutorialPage})

    def test_renders_with_and_without_tutorials(self):
        self.assertPageIsRenderable(self.tutorial_index)
        TutorialPageFactory(
            parent=self.tutorial_index, title="Jak prowadzić webinarium"
        )
        response = self.client.get(self.tutorial_index.url)
        self.assertContains(response, "Jak prowadzić webinarium")


class TestTutorialPage(DemoPageTestCase):
    def test_lives_under_the_tutorial_list(self):
        self.assertAllowedParentPageTypes(TutorialPage, {TutorialIndexPage})
        self.assertAllowedSubpageTypes(TutorialPage, set())

    def test_renders_the_video_and_its_facts(self):
        store_embed(VIDEO)
        tutorial = TutorialPageFactory(
            parent=self.tutorial_index,
            video_url=VIDEO,
            duration=timedelta(minutes=4, seconds=30),
            tools="Zoom, Canva",
            level="beginner",
            transcript="<p>Dzień dobry, dziś pokażę, jak zaplanować webinarium.</p>",
        )
        response = self.client.get(tutorial.url)
        self.assertContains(response, '<iframe title="Webinar w bibliotece"')
        self.assertContains(response, '<time datetime="PT4M30S">4:30</time>')
        self.assertContains(response, "Zoom, Canva")
        self.assertContains(response, "dziś pokażę, jak zaplanować webinarium")

    def test_can_be_created_in_the_admin(self):
        data = form_data(
            {
                "title": "Canva dla bibliotek",
                "slug": "canva",
                "video_url": VIDEO,
                "summary": "Jak przygotować plakat wydarzenia.",
                "transcript": rich_text("<p>Otwieramy Canvę.</p>"),
                "duration": "00:06:10",
                "tools": "Canva",
                "level": "beginner",
                "project": self.project.pk,
                "library": "",
                "poster": "",
                "video": "",
                "captions": inline_formset([]),
            },
            audiences=[Audience.objects.get(locale=self.polish, slug="librarians").pk],
        )
        self.assertCanCreate(self.tutorial_index, TutorialPage, data)
        tutorial = TutorialPage.objects.get(slug="canva")
        assert tutorial.duration == timedelta(minutes=6, seconds=10)
        assert tutorial.project == self.project
        assert [a.slug for a in tutorial.audiences.all()] == ["librarians"]
