"""Projects made for the benchmarks and drills, under the Polish projects
index: realistic ones as editors make them, with practices and testimonials
(bench/translation.py), bare ones with draft or live practices (the fault
drills); and removing those of earlier translation runs."""

import json
import random
import secrets
import sys
from datetime import date, timedelta

PREFIX = "bench-translation-"  # the slug prefix of the generated projects
TESTIMONIAL_EVERY = 4  # one page in four under a project is a testimonial

SENTENCES = [
    "Biblioteka od lat prowadzi spotkania dla mieszkańców gminy.",
    "W projekcie wzięło udział dwanaście bibliotek z trzech województw.",
    "Bibliotekarki przygotowały cykl warsztatów dla seniorów i ich wnuków.",
    "Uczestnicy uczyli się, jak bezpiecznie korzystać z bankowości internetowej.",
    "Każde spotkanie kończyło się wspólną dyskusją przy herbacie.",
    "Partnerami były lokalne szkoły, koło gospodyń wiejskich i ośrodek kultury.",
    "Dzięki dotacji biblioteka kupiła tablety i projektor.",
    "Zajęcia odbywały się w czytelni w każdy czwartek po południu.",
    "Młodzież nagrała wspomnienia najstarszych mieszkańców wsi.",
    "Nagrania trafiły do cyfrowego archiwum biblioteki.",
    "Projekt pokazał, że biblioteka może być centrum życia lokalnej społeczności.",
    "Na zakończenie zorganizowano piknik rodzinny z grą terenową.",
    "Wolontariusze pomagali w prowadzeniu zajęć i w promocji wydarzeń.",
    "O spotkaniach informowały plakaty, strona gminy i lokalne radio.",
    "Frekwencja przerosła oczekiwania organizatorów.",
    "Część uczestników zapisała się później na kurs języka angielskiego.",
    "Bibliotekarze wymieniali doświadczenia podczas wizyt studyjnych.",
    "Powstał poradnik dla innych bibliotek, które chcą powtórzyć ten pomysł.",
    "Najwięcej zainteresowania wzbudziły zajęcia z fotografii cyfrowej.",
    "Dzieci z pobliskiej szkoły przygotowały przedstawienie na podstawie "
    "legend regionu.",
    "Spotkania autorskie przyciągnęły czytelników z sąsiednich miejscowości.",
    "W ankiecie dziewięciu na dziesięciu uczestników oceniło zajęcia bardzo dobrze.",
    "Biblioteka nawiązała stałą współpracę z domem pomocy społecznej.",
    "Rezultaty projektu przedstawiono na konferencji w Krakowie.",
]
HEADINGS = [
    "Cele projektu",
    "Przebieg działań",
    "Rezultaty",
    "Co się udało",
    "Czego się nauczyliśmy",
    "Partnerzy",
]
FIGURE_LABELS = ["uczestników", "spotkań", "bibliotek", "godzin warsztatów"]
EVENT_LABELS = [
    "Pierwsze spotkanie w czytelni",
    "Warsztaty z bibliotekarzami",
    "Wizyta studyjna",
    "Podsumowanie projektu",
]
PEOPLE = [
    ("Anna Kowalska", "dyrektorka"),
    ("Jan Nowak", "bibliotekarz"),
    ("Maria Wiśniewska", "instruktorka"),
    ("Piotr Zieliński", "kierownik filii"),
]


class ProjectBuilder:
    """Polish projects with their practices and testimonials, as editors make them."""

    def __init__(self, seed, user):
        from wagtail.models import Locale

        from core.models import Audience, Format, Topic
        from libraries.models import LibraryPage
        from projects.models import Programme, ProjectIndexPage

        self.rng = random.Random(seed)
        self.user = user
        self.locale = Locale.get_default()
        self.index = ProjectIndexPage.objects.get(locale=self.locale)
        self.terms = {
            name: list(model.objects.filter(locale=self.locale).order_by("pk"))
            for name, model in (
                ("audiences", Audience),
                ("formats", Format),
                ("topics", Topic),
            )
        }
        self.libraries = list(
            LibraryPage.objects.live().filter(locale=self.locale).order_by("pk")
        )
        self.programmes = list(
            Programme.objects.filter(locale=self.locale).order_by("pk")
        )
        if not self.libraries:
            sys.exit("The demo has no Polish libraries: load the demo first.")

    def sentences(self, low, high):
        return " ".join(self.rng.sample(SENTENCES, self.rng.randint(low, high)))

    def summary(self):
        return self.sentences(2, 3)[:500]

    def body(self, paragraphs):
        blocks = [
            {
                "type": "heading",
                "value": {"text": self.rng.choice(HEADINGS), "level": "h2"},
            },
        ]
        for number in range(paragraphs):
            blocks.append(
                {"type": "paragraph", "value": f"<p>{self.sentences(2, 4)}</p>"}
            )
            if number == 1:
                blocks.append(
                    {
                        "type": "heading",
                        "value": {"text": self.rng.choice(HEADINGS), "level": "h2"},
                    }
                )
        blocks.append(
            {
                "type": "quote",
                "value": {
                    "quote": self.sentences(1, 2),
                    "attribution": self.rng.choice(self.libraries).title,
                },
            }
        )
        return json.dumps(blocks)

    def links(self):
        return json.dumps(
            [
                {
                    "type": "link",
                    "value": {
                        "title": "Strona projektu",
                        "url": "https://www.example.org/projekt",
                    },
                }
            ]
        )

    def set_terms(self, page):
        page.audiences.set(self.rng.sample(self.terms["audiences"], 2))
        page.formats.set(self.rng.sample(self.terms["formats"], 1))
        page.topics.set(self.rng.sample(self.terms["topics"], 1))

    def publish(self, page):
        page.save_revision(user=self.user).publish(user=self.user)
        return page

    def project(self, size, number):
        """A live project whose subtree has ``size`` pages in all."""
        from practices.models import PracticePartner
        from projects.models import ProjectLibrary
        from tests.factories import (
            PracticePageFactory,
            ProjectPageFactory,
            TestimonialPageFactory,
        )

        rng = self.rng
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
        project = ProjectPageFactory(
            parent=self.index,
            title=f"Biblioteka łączy pokolenia {number} ({size} stron)",
            slug=f"{PREFIX}{size}-{number}",
            summary=self.summary(),
            body=self.body(4),
            links=self.links(),
            programme=rng.choice(self.programmes) if self.programmes else None,
            start_date=start,
            end_date=start + timedelta(days=300),
            key_figures=json.dumps(
                [
                    {
                        "type": "figure",
                        "value": {
                            "value": str(rng.randint(10, 900)),
                            "unit": "",
                            "label": label,
                        },
                    }
                    for label in rng.sample(FIGURE_LABELS, 2)
                ]
            ),
        )
        participants = rng.sample(self.libraries, min(3, len(self.libraries)))
        self.set_terms(project)
        project.project_libraries = [
            ProjectLibrary(library=library, role="leading" if i == 0 else "partner")
            for i, library in enumerate(participants)
        ]
        self.publish(project)
        for child in range(1, size):
            if child % TESTIMONIAL_EVERY == 0:
                person, function = rng.choice(PEOPLE)
                testimonial = TestimonialPageFactory(
                    parent=project,
                    title=f"Wypowiedź {child}: {person}",
                    slug=f"wypowiedz-{child}",
                    quote="".join(f"<p>{self.sentences(2, 3)}</p>" for _ in range(2)),
                    library=rng.choice(participants),
                    role="partner",
                    person=person,
                    function=function,
                    excerpt=self.sentences(1, 1),
                )
                self.publish(testimonial)
            else:
                practice = PracticePageFactory(
                    parent=project,
                    title=f"Dobra praktyka {child}: {rng.choice(HEADINGS).lower()}",
                    slug=f"praktyka-{child}",
                    summary=self.summary(),
                    body=self.body(3),
                    links=self.links(),
                    library=rng.choice(participants),
                    events=json.dumps(
                        [
                            {
                                "type": "event",
                                "value": {
                                    "date": (
                                        start + timedelta(days=30 * step)
                                    ).isoformat(),
                                    "label": label,
                                },
                            }
                            for step, label in enumerate(
                                rng.sample(EVENT_LABELS, 2), start=1
                            )
                        ]
                    ),
                )
                self.set_terms(practice)
                practice.partners = [
                    PracticePartner(library=library)
                    for library in rng.sample(participants, 1)
                ]
                self.publish(practice)
        return project


def delete_earlier_projects():
    """Delete the projects of earlier translation runs (slug bench-translation-…)
    in every language, and what wagtail-localize recorded about them; the
    number of pages deleted."""
    from wagtail.models import Page
    from wagtail_localize.models import TranslationSource

    from projects.models import ProjectPage

    roots = ProjectPage.objects.filter(slug__startswith=PREFIX)
    keys = set()
    for root in roots:
        keys |= set(
            Page.objects.descendant_of(root, inclusive=True).values_list(
                "translation_key", flat=True
            )
        )
    if not keys:
        return 0
    project_keys = set(roots.values_list("translation_key", flat=True))
    deleted = Page.objects.filter(translation_key__in=keys).count()
    for page in Page.objects.filter(translation_key__in=project_keys).order_by(
        "-depth"
    ):
        page.delete()
    # Anything of theirs left outside a deleted project.
    for page in Page.objects.filter(translation_key__in=keys).order_by("-depth"):
        page.delete()
    TranslationSource.objects.filter(object_id__in=keys).delete()
    return deleted


def bare_project(title, children, live):
    """A project of the fault drills (slug drill-…) with ``children`` bare
    practices: all published when ``live``, else all drafts."""
    from wagtail.models import Locale

    from practices.models import PracticePage
    from projects.models import ProjectIndexPage, ProjectPage

    polish = Locale.objects.get(language_code="pl")
    index = ProjectIndexPage.objects.get(locale=polish)
    suffix = secrets.token_hex(3)
    project = index.add_child(
        instance=ProjectPage(
            title=title,
            slug=f"drill-{suffix}",
            summary="Projekt na ćwiczenia awaryjne.",
            live=live,
        )
    )
    project.save_revision().publish() if live else project.save_revision()
    for number in range(children):
        practice = project.add_child(
            instance=PracticePage(
                title=f"Praktyka ćwiczebna {number}",
                slug=f"drill-{suffix}-{number}",
                summary="Co zrobiła biblioteka.",
                live=live,
            )
        )
        revision = practice.save_revision()
        if live:
            revision.publish()
    return project
