"""The UN's 17 Sustainable Development Goals as a taxonomy.

Their names are the UN's official short names, as on the goals' icons: in
English (un.org/sustainabledevelopment), Polish (UNIC Warsaw), Russian
(un.org/sustainabledevelopment/ru) and Finnish (UNRIC). ``ensure_goals``
creates the seventeen in the site's first language and a translation in each
other language of the site that has names here; it adds what is missing and
leaves what an editor changed. A language without names here shows the
goals in the site's first language until an editor translates them.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale

# (number, slug, {language: official short name}); slugs are the English names.
GOALS = [
    (
        1,
        "no-poverty",
        {
            "en": "No Poverty",
            "pl": "Koniec z ubóstwem",
            "ru": "Ликвидация нищеты",
            "fi": "Ei köyhyyttä",
        },
    ),
    (
        2,
        "zero-hunger",
        {
            "en": "Zero Hunger",
            "pl": "Zero głodu",
            "ru": "Ликвидация голода",
            "fi": "Ei nälkää",
        },
    ),
    (
        3,
        "good-health-and-well-being",
        {
            "en": "Good Health and Well-being",
            "pl": "Dobre zdrowie i jakość życia",
            "ru": "Хорошее здоровье и благополучие",
            "fi": "Terveyttä ja hyvinvointia",
        },
    ),
    (
        4,
        "quality-education",
        {
            "en": "Quality Education",
            "pl": "Dobra jakość edukacji",
            "ru": "Качественное образование",
            "fi": "Hyvä koulutus",
        },
    ),
    (
        5,
        "gender-equality",
        {
            "en": "Gender Equality",
            "pl": "Równość płci",
            "ru": "Гендерное равенство",
            "fi": "Sukupuolten tasa-arvo",
        },
    ),
    (
        6,
        "clean-water-and-sanitation",
        {
            "en": "Clean Water and Sanitation",
            "pl": "Czysta woda i warunki sanitarne",
            "ru": "Чистая вода и санитария",
            "fi": "Puhdas vesi ja sanitaatio",
        },
    ),
    (
        7,
        "affordable-and-clean-energy",
        {
            "en": "Affordable and Clean Energy",
            "pl": "Czysta i dostępna energia",
            "ru": "Недорогостоящая и чистая энергия",
            "fi": "Edullista ja puhdasta energiaa",
        },
    ),
    (
        8,
        "decent-work-and-economic-growth",
        {
            "en": "Decent Work and Economic Growth",
            "pl": "Wzrost gospodarczy i godna praca",
            "ru": "Достойная работа и экономический рост",
            "fi": "Ihmisarvoista työtä ja talouskasvua",
        },
    ),
    (
        9,
        "industry-innovation-and-infrastructure",
        {
            "en": "Industry, Innovation and Infrastructure",
            "pl": "Innowacyjność, przemysł, infrastruktura",
            "ru": "Индустриализация, инновации и инфраструктура",
            "fi": "Kestävää teollisuutta, innovaatioita ja infrastruktuureja",
        },
    ),
    (
        10,
        "reduced-inequalities",
        {
            "en": "Reduced Inequalities",
            "pl": "Mniej nierówności",
            "ru": "Уменьшение неравенства",
            "fi": "Eriarvoisuuden vähentäminen",
        },
    ),
    (
        11,
        "sustainable-cities-and-communities",
        {
            "en": "Sustainable Cities and Communities",
            "pl": "Zrównoważone miasta i społeczności",
            "ru": "Устойчивые города и населённые пункты",
            "fi": "Kestävät kaupungit ja yhteisöt",
        },
    ),
    (
        12,
        "responsible-consumption-and-production",
        {
            "en": "Responsible Consumption and Production",
            "pl": "Odpowiedzialna konsumpcja i produkcja",
            "ru": "Ответственное потребление и производство",
            "fi": "Vastuullista kuluttamista",
        },
    ),
    (
        13,
        "climate-action",
        {
            "en": "Climate Action",
            "pl": "Działania w dziedzinie klimatu",
            "ru": "Борьба с изменением климата",
            "fi": "Ilmastotekoja",
        },
    ),
    (
        14,
        "life-below-water",
        {
            "en": "Life Below Water",
            "pl": "Życie pod wodą",
            "ru": "Сохранение морских экосистем",
            "fi": "Vedenalainen elämä",
        },
    ),
    (
        15,
        "life-on-land",
        {
            "en": "Life on Land",
            "pl": "Życie na lądzie",
            "ru": "Сохранение экосистем суши",
            "fi": "Maanpäällinen elämä",
        },
    ),
    (
        16,
        "peace-justice-and-strong-institutions",
        {
            "en": "Peace, Justice and Strong Institutions",
            "pl": "Pokój, sprawiedliwość i silne instytucje",
            "ru": "Мир, правосудие и эффективные институты",
            "fi": "Rauha, oikeudenmukaisuus ja hyvä hallinto",
        },
    ),
    (
        17,
        "partnerships-for-the-goals",
        {
            "en": "Partnerships for the Goals",
            "pl": "Partnerstwa na rzecz celów",
            "ru": "Партнёрство в интересах устойчивого развития",
            "fi": "Yhteistyö ja kumppanuus",
        },
    ),
]


@transaction.atomic
def ensure_goals(log=None):
    """The seventeen goals in the site's languages; returns how many goals
    and translations it created."""
    from core.models import Goal

    codes = [code for code, _name in settings.LANGUAGES]
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in codes
    }
    source = locales[settings.LANGUAGE_CODE]
    created = 0
    for number, slug, names in GOALS:
        goal = Goal.objects.filter(slug=slug, locale=source).first()
        if goal is None:
            goal = Goal.objects.create(
                locale=source,
                number=number,
                slug=slug,
                name=names.get(source.language_code, names["en"]),
            )
            created += 1
        for code, locale in locales.items():
            if locale == source or code not in names:
                continue
            if goal.get_translation_or_none(locale) is None:
                translation = goal.copy_for_translation(locale)
                translation.name = names[code]
                translation.save()
                created += 1
    if log and created:
        log(f"Created {created} Sustainable Development Goals and translations.")
    return created
