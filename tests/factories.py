"""Page and snippet factories; a page factory always needs its ``parent``."""

import factory
import wagtail_factories
from wagtail.models import Locale

from core.models import Audience, Format
from libraries.models import LibraryPage
from practices.models import PracticePage
from projects.models import ProjectPage, TestimonialPage
from tutorials.models import TutorialPage


class AudienceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"audience {n}")
    slug = factory.Sequence(lambda n: f"audience-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Audience


class FormatFactory(AudienceFactory):
    class Meta:
        model = Format


class LibraryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Biblioteka Publiczna nr {n}")
    kind = "public"
    town = "Kraków"
    region = "województwo małopolskie"
    country = "Polska"

    class Meta:
        model = LibraryPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Projekt {n}")
    summary = "Krótki opis projektu."

    class Meta:
        model = ProjectPage


class PracticePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Dobra praktyka {n}")
    summary = "Co zrobiła biblioteka."

    class Meta:
        model = PracticePage


class TestimonialPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Wypowiedź {n}")
    quote = "<p>Spotkania bardzo nam pomogły.</p>"
    role = "partner"

    class Meta:
        model = TestimonialPage


class TutorialPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Film {n}")
    summary = "Jak poprowadzić webinarium."
    video_url = "https://www.youtube.com/watch?v=demo"

    class Meta:
        model = TutorialPage


def a_picture():
    """One of the demo's pictures, for a page whose card shows one: a list
    of pages with pictures costs the query of their renditions, one without
    does not, so a budget compares lists of pages alike."""
    from wagtail.images import get_image_model

    return get_image_model().objects.order_by("pk").first()


def user_in_group(group_name, username):
    """An active user in the named group (a role of editorial/roles.py)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user
