"""Building the world of the matrix, once for the test module.

What is built (in Polish, then translated through wagtail-localize):

- the project ``project`` (pl, en, ru, fi), started in 1902, with the
  libraries ``library`` (leading) and ``partner`` (pl, en; a Russian
  translation of each in progress) taking part, featured on the Polish and
  English home pages; and ``project2`` (pl; a Russian translation in
  progress, featured on the Russian home page), started in 1901;
- under ``project``: the practice ``practice`` (pl, en, ru, fi) of
  ``library`` with ``partner``, the audience ``audience``, a paragraph and a
  DocumentBlock of the document ``document`` (in a collection not yet
  restricted); ``listed`` (pl only, with an audience of its own: the
  listings door's, which no translation could stand in for); the testimonial
  ``testimonial`` (pl, en; a Russian translation in progress), the home
  pages' testimonial; ``spare`` (pl; a Russian translation in progress); and
  a practice ``never`` in each language, made directly in it and never
  published (in Polish with an audience of its own);
- the tutorial ``tutorial`` (pl, en; a Russian translation in progress) of
  ``project`` and ``library``, with its own video (and thumbnail), poster
  (and the renditions the site asks for) and caption tracks; and the
  tutorial ``nevertutorial``, never published, with its own video, poster
  and caption track;
- a group for GROUPS restrictions and a superuser for the preview door.

Which public pages name which page of the world is in ``pointer_table``.
"""

import io
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, Page
from wagtail.rich_text import RichText
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue
from wagtailmedia.models import Media

from core.models import Audience
from editorial.translation import translate
from home.models import HomeFeaturedProject, HomePage
from libraries.models import LibraryIndexPage, LibraryPage
from practices.models import PracticePage, PracticePartner
from projects.models import ProjectIndexPage, ProjectLibrary, ProjectPage
from projects.models import TestimonialPage as Testimonial
from tutorials.models import TutorialCaption, TutorialIndexPage, TutorialPage

from .world import (
    LANGUAGES,
    LISTED_PROJECT_YEAR,
    PROJECT_YEAR,
    Thing,
    Version,
    World,
    marker,
    slug,
)


def jpeg(colour):
    out = io.BytesIO()
    PILImage.new("RGB", (320, 180), colour).save(out, "JPEG")
    return out.getvalue()


def vtt(text):
    return f"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n{text}\n".encode()


def in_progress(instance, locale, strings):
    """A translation into ``locale`` started through wagtail-localize and
    saved as a draft, never published: what the translation editor leaves
    before review."""
    lookup = {
        StringValue.from_plaintext(source).data: StringValue.from_plaintext(target).data
        for source, target in strings.items()
    }
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    )
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": lookup.get(segment.string.data, segment.string.data),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    translation.save_target(publish=False)
    page = instance.get_translation(locale).specific
    assert not page.live and page.live_revision_id is None
    return page


class Builder:
    def __init__(self):
        self.world = World()
        self.locales = {loc.language_code: loc for loc in Locale.objects.all()}

    # Helpers ---------------------------------------------------------------

    def index(self, model, language):
        return model.objects.get(locale=self.locales[language])

    def record(self, role, page, facet=""):
        language = page.locale.language_code
        self.world.pages[(role, language)] = Version(
            role, language, page.pk, marker(role, language), slug(role, language), facet
        )
        return page

    def publish(self, parent, page, role, facet=""):
        parent.add_child(instance=page)
        page.save_revision().publish()
        return self.record(role, page, facet)

    def words(self, role, source_page, language, *texts):
        """What translating ``source_page`` into ``language`` maps: each
        text with the Polish marker to the same text with the language's."""
        mapping = {source_page.slug: slug(role, language)}
        for text in texts:
            mapping[text] = text.replace(marker(role, "pl"), marker(role, language))
        return mapping

    def translated(self, role, page, language, *texts, facet=""):
        result = translate(
            page,
            self.locales[language],
            self.words(role, page, language, page.title, *texts),
            keep_the_rest=True,
        )
        return self.record(role, result, facet)

    def started(self, role, page, *texts):
        """A Russian translation of ``page`` in progress."""
        draft = in_progress(
            page,
            self.locales["ru"],
            self.words(role, page, "ru", page.title, *texts),
        )
        self.world.in_progress.setdefault(role, []).append(
            Version(role, "ru", draft.pk, marker(role, "ru"), slug(role, "ru"))
        )
        return draft

    # The world -------------------------------------------------------------

    def build(self):
        world = self.world
        world.group_id = Group.objects.create(name="Matrix readers").pk
        world.editor_id = (
            get_user_model().objects.create_superuser("matrix-editor", password="x").pk
        )
        root = Collection.get_first_root_node()
        private = root.add_child(name="Matrix documents")
        world.collection_id = private.pk
        document = Document.objects.create(
            title=f"Raport {marker('document', '')}",
            collection=private,
            file=ContentFile(b"%PDF-1.4 mxdocumentbytesx", name="sgdocument.pdf"),
        )
        document.file_size = document.file.size
        document.save(update_fields=["file_size"])
        world.document = Thing(document.pk, marker("document", ""), document.url)

        audience = Audience.objects.create(
            name=marker("audience", "pl"), slug="mxaudience", locale=self.locales["pl"]
        )
        english_audience = audience.copy_for_translation(self.locales["en"])
        english_audience.name = marker("audience", "en")
        english_audience.save()
        listed_audience = Audience.objects.create(
            name=marker("listedaudience", "pl"),
            slug="mxlistedaudience",
            locale=self.locales["pl"],
        )
        never_audience = Audience.objects.create(
            name=marker("neveraudience", "pl"),
            slug="mxneveraudience",
            locale=self.locales["pl"],
        )

        libraries = self.index(LibraryIndexPage, "pl")
        library = self.publish(
            libraries,
            LibraryPage(
                title=f"Biblioteka {marker('library', 'pl')}",
                slug=slug("library", "pl"),
                kind="public",
                country="Polska",
                town="Matrycowo",
            ),
            "library",
        )
        partner = self.publish(
            libraries,
            LibraryPage(
                title=f"Biblioteka {marker('partner', 'pl')}",
                slug=slug("partner", "pl"),
                kind="public",
                country="Polska",
                town="Matrycowo",
            ),
            "partner",
        )
        for role, page in (("library", library), ("partner", partner)):
            self.translated(role, page, "en")

        project = ProjectPage(
            title=f"Projekt {marker('project', 'pl')}",
            slug=slug("project", "pl"),
            summary=f"O projekcie {marker('project', 'pl')}.",
            start_date=date(PROJECT_YEAR, 1, 1),
        )
        project.project_libraries = [
            ProjectLibrary(library=library, role="leading"),
            ProjectLibrary(library=partner, role="partner"),
        ]
        project2 = ProjectPage(
            title=f"Projekt {marker('project2', 'pl')}",
            slug=slug("project2", "pl"),
            summary=f"Drugi projekt {marker('project2', 'pl')}.",
            start_date=date(LISTED_PROJECT_YEAR, 1, 1),
        )
        self.publish(
            self.index(ProjectIndexPage, "pl"),
            project2,
            "project2",
            str(LISTED_PROJECT_YEAR),
        )
        year = str(PROJECT_YEAR)
        self.publish(self.index(ProjectIndexPage, "pl"), project, "project", year)
        for language in ("en", "ru", "fi"):
            self.translated("project", project, language, project.summary, facet=year)

        practice = PracticePage(
            title=f"Praktyka {marker('practice', 'pl')}",
            slug=slug("practice", "pl"),
            summary=f"Co zrobiono: {marker('practice', 'pl')}.",
            library=library,
            body=[
                ("paragraph", RichText(f"<p>Opis {marker('practice', 'pl')}.</p>")),
                ("document", {"document": document, "title": ""}),
            ],
        )
        practice.partners = [PracticePartner(library=partner)]
        practice.audiences = [audience]
        self.publish(project, practice, "practice", facet=audience.name)
        for language in ("en", "ru", "fi"):
            self.translated(
                "practice",
                practice,
                language,
                practice.summary,
                f"Opis {marker('practice', 'pl')}.",
                facet=english_audience.name if language == "en" else "",
            )

        testimonial = Testimonial(
            title=f"Wypowiedź {marker('testimonial', 'pl')}",
            slug=slug("testimonial", "pl"),
            quote=f"<p>Słowa {marker('testimonial', 'pl')}.</p>",
            library=library,
            role="leading",
        )
        testimonial_words = f"Słowa {marker('testimonial', 'pl')}."
        self.publish(project, testimonial, "testimonial")
        self.translated("testimonial", testimonial, "en", testimonial_words)

        listed = PracticePage(
            title=f"Praktyka {marker('listed', 'pl')}",
            slug=slug("listed", "pl"),
            summary=f"Na liście {marker('listed', 'pl')}.",
            library=library,
        )
        listed.audiences = [listed_audience]
        self.publish(project, listed, "listed", facet=listed_audience.name)

        spare = PracticePage(
            title=f"Praktyka {marker('spare', 'pl')}",
            slug=slug("spare", "pl"),
            summary=f"Zapasowa {marker('spare', 'pl')}.",
        )
        self.publish(project, spare, "spare")

        for language in LANGUAGES:
            parent = Page.objects.get(pk=world.pages[("project", language)].page_id)
            never = PracticePage(
                title=f"Szkic {marker('never', language)}",
                slug=slug("never", language),
                summary=f"Nigdy {marker('never', language)}.",
                live=False,
            )
            if language == "pl":
                never.library = library
                never.audiences = [never_audience]
            parent.add_child(instance=never)
            never.save_revision()
            self.record("never", never, never_audience.name if language == "pl" else "")

        tutorial = self.tutorial("tutorial", audience, project, library, live=True)
        self.translated(
            "tutorial", tutorial, "en", tutorial.summary, facet=english_audience.name
        )
        self.tutorial("nevertutorial", audience, project, library, live=False)

        for language, home in (("pl", "pl"), ("en", "en"), ("ru", "ru"), ("fi", "fi")):
            world.homes[language] = self.index(HomePage, home).pk
        for language in ("pl", "en"):
            home = self.world.home(language)
            home.featured_projects = [
                HomeFeaturedProject(
                    project_id=world.pages[("project", language)].page_id
                )
            ]
            home.testimonial_id = world.pages[("testimonial", language)].page_id
            home.save_revision().publish()
        russian_home = self.world.home("ru")
        russian_home.featured_projects = [HomeFeaturedProject(project=project2)]
        russian_home.save_revision().publish()

        # Translations in progress, into Russian.
        self.started("project2", project2, project2.summary)
        self.started("spare", spare, spare.summary)
        self.started("tutorial", tutorial, tutorial.summary)
        self.started("library", library)
        self.started("partner", partner)
        self.started("testimonial", testimonial, testimonial_words)
        self.point()
        return world

    def point(self):
        """Which public pages name which page of the world, in each language
        (the relation doors read them)."""
        world = self.world

        def ids(language, **roles):
            found = {}
            for name, role in roles.items():
                version = world.version(role, language)
                if version is not None:
                    found[name] = version.page_id
            return found

        for language in ("pl", "en", "ru"):
            home = {"home": world.homes[language]}
            if language != "ru":  # the Russian home page features project2
                world.pointer_table[("project", language)] = home | ids(
                    language,
                    practice="practice",
                    testimonial="testimonial",
                    tutorial="tutorial",
                    library="library",
                )
            world.pointer_table[("library", language)] = ids(
                language,
                practice="practice",
                project="project",
                testimonial="testimonial",
            )
            world.pointer_table[("testimonial", language)] = home | ids(
                language, library="library", project="project"
            )
        world.pointer_table[("project2", "ru")] = {"home": world.homes["ru"]}

    def tutorial(self, role, audience, project, library, live):
        colour = (200, 30, 30) if live else (30, 30, 200)
        video = Media.objects.create(
            title=f"Film {marker(role + 'video', '')}",
            type="video",
            file=ContentFile(
                b"\x1aE\xdf\xa3 matrix video", name=f"{slug(role, '')}.webm"
            ),
            thumbnail=ContentFile(jpeg(colour), name=f"{slug(role, '')}-thumb.jpg"),
            duration=2,
            width=320,
            height=180,
        )
        poster = Image.objects.create(
            title=f"Plakat {marker(role + 'poster', '')}",
            file=ContentFile(jpeg(colour), name=f"{slug(role, '')}-poster.jpg"),
        )
        page = TutorialPage(
            title=f"Film {marker(role, 'pl')}",
            slug=slug(role, "pl"),
            summary=f"Jak {marker(role, 'pl')}.",
            video=video,
            poster=poster,
            project=project,
            library=library,
            live=live,
        )
        # The draft has no audience: the public tutorial's would count for it.
        page.audiences = [audience] if live else []
        page.captions = [
            TutorialCaption(
                language=code,
                file=ContentFile(
                    vtt(marker(role + "caption", code)),
                    name=f"{slug(role, code)}.vtt",
                ),
            )
            for code in (("pl", "en") if live else ("pl",))
        ]
        self.index(TutorialIndexPage, "pl").add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        self.record(role, page, audience.name if live else "")
        # The renditions the page and oEmbed ask for (tutorials/models.py,
        # tutorials/oembed.py, components/video_player.html).
        renditions = [poster.get_rendition(spec) for spec in ("fill-1280x720",)]
        renditions.append(poster.get_rendition("fill-640x360"))
        self.world.posters[role] = Thing(poster.pk, marker(role + "poster", ""), "")
        self.world.files[role] = [
            video.file.url,
            video.thumbnail.url,
            poster.file.url,
            *(rendition.url for rendition in renditions),
            *(caption.file.url for caption in page.captions.all()),
        ]
        return page
