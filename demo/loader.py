"""Load the demo content from demo/content/: idempotent, through wagtail-localize.

content.json says what each seed document becomes; seeds/ holds the documents
as they came; translations/en/ holds their English text, line by line. Every
page and snippet is created in its source language and then translated, so
the admin shows translations as translations of their sources.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.images.models import Image
from wagtail.models import Locale
from wagtailmedia.models import Media

from core.goals import ensure_goals
from core.identity import SiteIdentity
from core.models import Audience, Format, Topic
from core.replication import Licence
from demo import seed_text
from demo.illustrations import picture
from demo.site import DEMO_DIR, read_json
from editorial.translation import segments_of_html, translate
from information.models import AccessibilityStatementPage, InformationPage
from libraries.models import LibraryIndexPage, LibraryPage
from practices.models import PracticeIndexPage, PracticePage, PracticePartner
from projects.models import (
    Programme,
    ProjectIndexPage,
    ProjectLibrary,
    ProjectPage,
    TestimonialPage,
)
from tutorials.models import TutorialCaption, TutorialIndexPage, TutorialPage

TAXONOMIES = {"audience": Audience, "format": Format, "topic": Topic}
# The seeds state no licence: their stories reserve every right, not the
# CC BY 4.0 a new story starts with.
SEED_LICENCE = Licence.RESERVED
INFORMATION_TYPES = {
    "information.AccessibilityStatementPage": AccessibilityStatementPage,
    "information.InformationPage": InformationPage,
}
INDEX_TYPES = {
    "projects.ProjectIndexPage": ProjectIndexPage,
    "practices.PracticeIndexPage": PracticeIndexPage,
    "tutorials.TutorialIndexPage": TutorialIndexPage,
    "libraries.LibraryIndexPage": LibraryIndexPage,
}


class DemoLoader:
    def __init__(self, log=print):
        self.log = log
        self.content = read_json("content.json")
        self.locales = {
            code: Locale.objects.get_or_create(language_code=code)[0]
            for code, _name in settings.LANGUAGES
        }
        self.terms = {}
        self.programmes = {}
        self.libraries = {}
        self.indexes = {}
        self.projects = {}

    # Helpers -----------------------------------------------------------

    def publish(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.log(
            f"Created {page._meta.verbose_name} “{page.title}” "
            f"({page.locale.language_code})."
        )
        return page

    def translate_into(self, instance, code, strings, segments=None):
        locale = self.locales.get(code)
        if locale is None or instance.get_translation_or_none(locale) is not None:
            return
        # What the data leaves untranslated (names, slugs) stays as it is.
        translate(instance, locale, strings, segments=segments, keep_the_rest=True)
        self.log(f"Translated “{instance}” into {code}.")

    @staticmethod
    def child(parent, model, slug):
        return model.objects.child_of(parent).filter(slug=slug).first()

    @staticmethod
    def illustration(kind, slug, title):
        """An image of the picture drawn for the demo (demo/illustrations.py);
        its description stays empty: it only decorates."""
        return Image.objects.create(
            title=title,
            file=ContentFile(picture(kind, slug), name=f"{kind}-{slug}.png"),
        )

    # Steps -------------------------------------------------------------

    def load(self, home):
        self.load_taxonomies()
        self.load_programmes()
        self.load_indexes(home)
        self.load_libraries()
        for story in self.content["stories"]:
            self.load_story(story)
        for tutorial in read_json("tutorials/tutorials.json"):
            self.load_tutorial(tutorial)
        self.load_information(home)

    def load_taxonomies(self):
        ensure_goals(log=self.log)
        source = self.locales[settings.LANGUAGE_CODE]
        for kind, terms in self.content["taxonomies"].items():
            model = TAXONOMIES[kind]
            for term in terms:
                obj = model.objects.filter(slug=term["slug"], locale=source).first()
                if obj is None:
                    obj = model.objects.create(
                        locale=source,
                        slug=term["slug"],
                        name=term[source.language_code],
                    )
                for code in self.locales:
                    if code != source.language_code and code in term:
                        self.translate_into(obj, code, {obj.name: term[code]})
                self.terms[(kind, term["slug"])] = model.objects.filter(
                    translation_key=obj.translation_key
                )

    def terms_for(self, story, locale):
        """The story's audiences, formats and topics, in its own language."""
        return {
            f"{kind}s": [
                self.terms[(kind, slug)].get(locale=locale)
                for slug in story.get(f"{kind}s", [])
            ]
            for kind in TAXONOMIES
        }

    def load_programmes(self):
        for data in self.content["programmes"]:
            locale = self.locales[data["locale"]]
            obj = Programme.objects.filter(locale=locale, name=data["name"]).first()
            if obj is None:
                obj = Programme.objects.create(
                    locale=locale, name=data["name"], funder=data["funder"]
                )
            for code, strings in data["translations"].items():
                self.translate_into(obj, code, strings)
            self.programmes[data["key"]] = obj

    def load_indexes(self, home):
        for data in self.content["indexes"]:
            model = INDEX_TYPES[data["type"]]
            index = self.child(home, model, data["slug"]) or self.publish(
                home, model(title=data["title"], slug=data["slug"], show_in_menus=True)
            )
            for code, strings in data["translations"].items():
                self.translate_into(index, code, strings)
            self.indexes[model] = index

    def load_information(self, home):
        """The accessibility statement, contact and privacy pages, in every
        language, chosen as the footer's pages in the site's settings."""
        from wagtail.models import Site

        identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
        for data in read_json("information.json")["pages"]:
            model = INFORMATION_TYPES[data["type"]]
            fields = data["fields"]
            source_code = home.locale.language_code
            page = self.child(home, model, data["slug"])
            if page is None:
                source = dict(fields[source_code])
                if "body" in source:
                    source["body"] = [("paragraph", html) for html in source["body"]]
                page = self.publish(
                    home,
                    model(
                        **source,
                        **data.get("dates", {}),
                        **data.get("choices", {}),
                        **data.get("plain", {}),
                    ),
                )
            for code, translated in fields.items():
                if code == source_code:
                    continue
                strings, segments = {}, {}
                for name, value in translated.items():
                    original = fields[source_code][name]
                    if name == "body":
                        for html, target in zip(original, value, strict=True):
                            segments.update(segments_of_html(html, target))
                    elif original.startswith("<"):
                        segments.update(segments_of_html(original, value))
                    else:
                        strings[original] = value
                self.translate_into(page, code, strings, segments)
            if getattr(identity, f"{data['role']}_id") is None:
                setattr(identity, data["role"], page)
        identity.save()

    def index_in(self, model, code):
        return self.indexes[model].get_translation(self.locales[code])

    def load_libraries(self):
        places = self.content["place_names"]
        for data in self.content["libraries"]:
            code = data["locale"]
            parent = self.index_in(LibraryIndexPage, code)
            library = self.child(parent, LibraryPage, data["slug"])
            if library is None:
                member_of = self.libraries.get(data.get("member_of"))
                library = self.publish(
                    parent,
                    LibraryPage(
                        title=data["title"],
                        slug=data["slug"],
                        kind=data["kind"],
                        town=data["town"],
                        region=data["region"],
                        country=data["country"],
                        # Town centres (the seeds name towns, not addresses).
                        latitude=data.get("latitude"),
                        longitude=data.get("longitude"),
                        member_of=member_of,
                        image=self.illustration("library", data["slug"], data["title"]),
                    ),
                )
            self.libraries[data["key"]] = library
            for target in self.locales:
                if target == code:
                    continue
                strings = {
                    text: places[text][target]
                    for text in (data["town"], data["region"], data["country"])
                    if target in places.get(text, {})
                }
                if target in data.get("names", {}):
                    strings[data["title"]] = data["names"][target]
                self.translate_into(library, target, strings)

    def load_story(self, story):
        code = story["locale"]
        locale = self.locales[code]
        units = seed_text.read_units(self.seed_text(story["seed"]))
        english = read_json(f"translations/en/{story['seed']}.json")
        strings = dict(story["en"])
        segments = {}

        title = units[0].text if story.get("title_is_first_line") else story["title"]
        body_units = units[1:] if story.get("title_is_first_line") else units
        if "body_ends_before" in story:
            body_units = body_units[
                : seed_text.find(body_units, story["body_ends_before"])
            ]
        headings = set(story.get("headings", []))
        if not story.get("title_is_first_line"):
            headings.add(units[0].text)  # the document's own title
        body = seed_text.body_blocks(body_units, headings)
        english_body = seed_text.body_blocks(
            seed_text.translated(body_units, english),
            {english[h] for h in headings if h in english},
        )
        strings[title] = english.get(title) or story["en"][title]
        for block, english_block in zip(body, english_body, strict=True):
            if block["type"] == "heading":
                strings[block["value"]["text"]] = english_block["value"]["text"]
            else:
                segments.update(
                    segments_of_html(block["value"], english_block["value"])
                )

        fields = {
            "title": title,
            "slug": story["slug"],
            "summary": story["summary"],
            "body": body,
            "locale": locale,
        }
        if story["type"] == "project":
            page = self.load_project(story, fields, code)
            self.projects[story["slug"]] = page
        else:
            page = self.load_practice(story, fields, code)
        # A page is translated before its children, or wagtail-localize would
        # copy it untranslated to hold them.
        self.translate_into(page, "en", strings, segments)
        if story["type"] == "project":
            for testimonial, segments in self.load_testimonials(
                story, units, page, english
            ):
                self.translate_into(testimonial, "en", {}, segments)

    def replication(self, story):
        """What the seed says of cost, funding and a person to ask; the
        rest (people reached, duration, steps, materials, goals) it does
        not say, and stays empty. Outcome figures are ``key_figures``."""
        fields = {"licence": SEED_LICENCE, "funded_by": story.get("funded_by", "")}
        contact = story.get("contact")
        if contact:
            fields.update(
                contact_name=contact["name"],
                contact_role=contact["role"],
                contact_library=self.libraries[contact["library"]],
                contact_email=contact["email"],
                contact_email_public=contact["publish_email"],
            )
        return fields

    def seed_text(self, seed):
        (path,) = (DEMO_DIR / "seeds").glob(f"{seed}_*.txt")
        return path.read_text(encoding="utf-8")

    def load_project(self, story, fields, code):
        parent = self.index_in(ProjectIndexPage, code)
        page = self.child(parent, ProjectPage, story["slug"])
        if page is not None:
            return page
        locale = self.locales[code]
        page = ProjectPage(
            **fields,
            image=self.illustration("project", story["slug"], fields["title"]),
            programme=self.programmes.get(story.get("programme")),
            key_figures=[
                {
                    "type": "figure",
                    "value": {**figure, "value": Decimal(figure["value"])},
                }
                for figure in story.get("key_figures", [])
            ],
            links=[{"type": "link", "value": link} for link in story.get("links", [])],
            **self.replication(story),
            **self.terms_for(story, locale),
        )
        for position, (key, role) in enumerate(story.get("libraries", [])):
            page.project_libraries.add(
                ProjectLibrary(
                    library=self.libraries[key], role=role, sort_order=position
                )
            )
        return self.publish(parent, page)

    def load_testimonials(self, story, units, project, english):
        """Each quote of the document, attributed, as a page; with its English."""
        for data in story.get("testimonials", []):
            start = seed_text.find(units, data["quote_starts"])
            end = seed_text.find(units, data["attribution_starts"])
            quote, attribution = units[start:end], units[end].text
            segments = segments_of_html(
                seed_text.rich_text(quote),
                seed_text.rich_text(seed_text.translated(quote, english)),
            )
            segments[attribution] = english[attribution]
            testimonial = self.child(
                project, TestimonialPage, data["slug"]
            ) or self.publish(
                project,
                TestimonialPage(
                    title=attribution,
                    slug=data["slug"],
                    quote=seed_text.rich_text(quote),
                    library=self.libraries[data["library"]],
                    role=data["role"],
                ),
            )
            yield testimonial, segments

    def load_practice(self, story, fields, code):
        parent = (
            self.projects[story["parent"]]
            if "parent" in story
            else self.index_in(PracticeIndexPage, code)
        )
        page = self.child(parent, PracticePage, story["slug"])
        if page is not None:
            return page
        locale = self.locales[code]
        page = PracticePage(
            **fields,
            image=self.illustration("practice", story["slug"], fields["title"]),
            library=self.libraries[story["library"]],
            events=[
                {
                    "type": "event",
                    "value": {
                        "date": date.fromisoformat(e["date"]),
                        "label": e["label"],
                    },
                }
                for e in story.get("events", [])
            ],
            **self.replication(story),
            **self.terms_for(story, locale),
        )
        for position, key in enumerate(story.get("partners", [])):
            page.partners.add(
                PracticePartner(library=self.libraries[key], sort_order=position)
            )
        return self.publish(parent, page)

    def load_tutorial(self, data):
        """A tutorial of the training programme: a sample video made for the
        demo, with Polish and English captions, and its English translation."""
        index = self.index_in(TutorialIndexPage, "pl")
        tutorial = self.child(index, TutorialPage, data["slug"])
        if tutorial is None:
            folder = DEMO_DIR / "tutorials"

            def upload(name):
                return ContentFile((folder / name).read_bytes(), name=name)

            media = Media.objects.create(
                title=data["video_title"]["pl"],
                type="video",
                file=upload(data["video"]),
                thumbnail=upload(data["poster"]),
                duration=data["duration"],
                width=640,
                height=360,
            )
            poster = Image.objects.create(
                title=data["title"]["pl"], file=upload(data["poster"])
            )
            tutorial = TutorialPage(
                title=data["title"]["pl"],
                slug=data["slug"],
                summary=data["summary"]["pl"],
                transcript=data["transcript"]["pl"],
                video=media,
                poster=poster,
                duration=timedelta(seconds=data["duration"]),
                tools=data["tools"],
                level=data["level"],
                project=self.projects.get("biblioteka-online"),
                audiences=self.terms_for(data, self.locales["pl"])["audiences"],
            )
            for position, (code, name) in enumerate(data["captions"].items()):
                tutorial.captions.add(
                    TutorialCaption(
                        language=code, file=upload(name), sort_order=position
                    )
                )
            self.publish(index, tutorial)
        strings = {
            data[field]["pl"]: data[field]["en"] for field in ("title", "summary")
        }
        self.translate_into(
            tutorial,
            "en",
            strings,
            segments_of_html(data["transcript"]["pl"], data["transcript"]["en"]),
        )
