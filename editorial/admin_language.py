"""The admin in the editor's language: what Wagtail, wagtail-localize and
wagtailmedia leave untranslated, and the catalogues that translate it.

Their catalogues lack strings in Polish, Russian and Finnish (wagtailmedia
has no Polish or Finnish at all), and a string missing from a language
showed in another one. ``editorial/admin_locale/<language>/LC_MESSAGES``
holds the translations of those strings, in the domains they use
(``django`` for templates and Python, ``djangojs`` for the admin's
scripts). The folder is in ``LOCALE_PATHS``, so Django prefers it to the
packages' own catalogues; it is not named ``locale``, so ``makemessages``
neither scans it nor rewrites it. ``manage.py admin_messages`` counts what
is missing, per package catalogue and language, and adds the strings an
upgrade brings to these catalogues, to be translated.

"Missing" is read as Django reads it at run time: a string of a package's
catalogue that no catalogue Django loads for the language translates (Django's
own, the installed apps', ``LOCALE_PATHS``), in the same domain. A string
another package already translates (wagtailmedia's "Delete" is Wagtail's)
is not missing, and is not repeated here.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings

PACKAGES = ("wagtail", "wagtail_localize", "wagtailmedia")
DOMAINS = ("django", "djangojs")
OURS = Path(__file__).resolve().parent / "admin_locale"

PLURAL_FORMS = {
    "pl": (
        "nplurals=4; plural=(n==1 ? 0 : (n%10>=2 && n%10<=4) && "
        "(n%100<12 || n%100>14) ? 1 : n!=1 && (n%10>=0 && n%10<=1) || "
        "(n%10>=5 && n%10<=9) || (n%100>=12 && n%100<=14) ? 2 : 3);"
    ),
    "ru": (
        "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || "
        "(n%100>=11 && n%100<=14)? 2 : 3);"
    ),
    "fi": "nplurals=2; plural=(n != 1);",
}


def admin_languages():
    """The admin's languages other than English, in which strings are written."""
    return [
        code
        for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES
        if not code.startswith("en")
    ]


@dataclass(frozen=True)
class Catalogue:
    """One domain of an installed app's catalogues (``wagtail.admin``, djangojs)."""

    app: str
    locale_dir: Path
    domain: str

    @property
    def label(self):
        return f"{self.app} ({self.domain})"

    def po(self, language):
        return self.locale_dir / language / "LC_MESSAGES" / f"{self.domain}.po"

    def msgids(self):
        """Every string of the catalogue, as any of its languages lists it."""
        keys = {}
        for path in sorted(self.locale_dir.glob(f"*/LC_MESSAGES/{self.domain}.po")):
            for entry in _entries(path):
                keys.setdefault(key(entry), entry)
        return keys

    def translated(self, language):
        path = self.po(language)
        if not path.exists():
            return set()
        return {key(entry) for entry in _entries(path) if entry.translated()}


def key(entry):
    return (entry.msgctxt or None, entry.msgid)


@cache
def _parsed(path, mtime):
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def _entries(path):
    return _parsed(path, Path(path).stat().st_mtime)


def catalogues():
    """The catalogues of the installed apps of Wagtail, wagtail-localize and
    wagtailmedia."""
    found = []
    for config in apps.get_app_configs():
        if config.name.split(".")[0] not in PACKAGES:
            continue
        locale_dir = Path(config.path) / "locale"
        for domain in DOMAINS:
            if any(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po")):
                found.append(Catalogue(config.name, locale_dir, domain))
    return found


def ours(language, domain):
    return OURS / language / "LC_MESSAGES" / f"{domain}.po"


def loaded_catalogues(catalogue, language, with_ours=True):
    """The .po files Django merges for this catalogue's strings in a language:
    in ``django``, Django's own, every installed app's and LOCALE_PATHS';
    in ``djangojs``, the package's own (its JavaScript catalogue view names
    it) and LOCALE_PATHS'."""
    dirs = []
    if catalogue.domain == "django":
        import django

        dirs.append(Path(django.__file__).parent / "conf" / "locale")
        dirs += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    else:
        dirs.append(catalogue.locale_dir)
    dirs += [Path(path) for path in settings.LOCALE_PATHS]
    paths = []
    for folder in dirs:
        if folder.resolve() == OURS and not with_ours:
            continue
        path = folder / language / "LC_MESSAGES" / f"{catalogue.domain}.po"
        if path.exists():
            paths.append(path)
    return paths


def missing(catalogue, language, with_ours=True):
    """The catalogue's strings that nothing Django loads translates into the
    language: they would show in English."""
    translated = set()
    for path in loaded_catalogues(catalogue, language, with_ours=with_ours):
        translated |= {key(entry) for entry in _entries(path) if entry.translated()}
    msgids = catalogue.msgids()
    return {k: msgids[k] for k in msgids.keys() - translated}


def counts():
    """Per catalogue and language: strings, untranslated in the package's own
    catalogue, missing at run time without our catalogues, and with them."""
    rows = []
    for catalogue in catalogues():
        total = catalogue.msgids()
        for language in admin_languages():
            rows.append(
                {
                    "catalogue": catalogue.label,
                    "language": language,
                    "strings": len(total),
                    "untranslated_in_package": len(
                        total.keys() - catalogue.translated(language)
                    ),
                    "missing_before": len(missing(catalogue, language, False)),
                    "missing_after": len(missing(catalogue, language)),
                }
            )
    return rows


def add_missing():
    """Add to our catalogues, untranslated, every string still missing; return
    how many were added per (language, domain)."""
    added = {}
    for language in admin_languages():
        for domain in DOMAINS:
            path = ours(language, domain)
            po = (
                polib.pofile(str(path))
                if path.exists()
                else new_catalogue(language, domain)
            )
            known = {key(entry) for entry in po}
            for catalogue in catalogues():
                if catalogue.domain != domain:
                    continue
                for k, entry in sorted(
                    missing(catalogue, language).items(), key=lambda item: item[0]
                ):
                    if k in known:
                        continue
                    known.add(k)
                    po.append(
                        polib.POEntry(
                            msgctxt=entry.msgctxt,
                            msgid=entry.msgid,
                            msgid_plural=entry.msgid_plural,
                            msgstr="",
                            msgstr_plural=(
                                dict.fromkeys(range(nplurals(language)), "")
                                if entry.msgid_plural
                                else {}
                            ),
                            comment=catalogue.app,
                        )
                    )
                    added[(language, domain)] = added.get((language, domain), 0) + 1
            if (language, domain) in added:
                path.parent.mkdir(parents=True, exist_ok=True)
                po.save(str(path))
    return added


def nplurals(language):
    return int(PLURAL_FORMS[language].split(";")[0].split("=")[1])


def new_catalogue(language, domain):
    po = polib.POFile(wrapwidth=79)
    po.metadata = {
        "Project-Id-Version": "library-network admin",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[language],
    }
    po.header = (
        "Strings of Wagtail, wagtail-localize and wagtailmedia their own "
        f"catalogues leave untranslated ({domain}).\n"
        "Kept by `manage.py admin_messages` (editorial/admin_language.py)."
    )
    return po
