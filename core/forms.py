"""The admin's form for the site's pages: choices in the page's language.

Terms (audiences, formats, topics, goals) and pages of the site (a library, say)
exist once per language; the page shows the reader's version of whichever
is chosen. The editor is offered those of the page's own language only, in
that language's alphabetical order: a page chooser listed each library four
times, once per language.

Apps above core narrow the choices further for a user through the hook
``PAGE_FORM_HOOK`` (``construct_page_form``): each function registered
is called with the form and the user, after the choices are in the page's
language (the editorial app limits a library editor to their own library).
A value outside the offered choices is a form error, and the form keeps
what the editor wrote.
"""

from django import forms
from django.db import models
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page, TranslatableMixin

from core.collation import sort_key

TERM_FIELDS = ("audiences", "formats", "topics")
# Every relation to a taxonomy that a page's form offers.
TAXONOMY_FIELDS = (*TERM_FIELDS, "goals")
PAGE_FORM_HOOK = "construct_page_form"


class PageChoiceField(forms.ModelChoiceField):
    """A page of the site by its title, in the alphabetical order of the
    page's language (which SQL's ORDER BY does not know)."""

    def __init__(self, queryset, *, language, **kwargs):
        self.language = language
        super().__init__(queryset, **kwargs)

    def _get_choices(self):
        if hasattr(self, "_choices"):
            return self._choices
        pages = sorted(
            self.queryset.only("pk", "title"),
            key=lambda page: sort_key(page.title, self.language),
        )
        empty = [] if self.empty_label is None else [("", self.empty_label)]
        return empty + [(page.pk, page.title) for page in pages]

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


def in_page_language(page_field, locale, current):
    """The field offering the pages of the page's language (and the one
    chosen now, whatever its language) as a list."""
    model = page_field.queryset.model
    queryset = model.objects.filter(locale=locale, alias_of__isnull=True)
    if current is not None:
        queryset = model.objects.filter(
            models.Q(pk__in=queryset.values("pk")) | models.Q(pk=current)
        )
    return PageChoiceField(
        queryset,
        language=locale.language_code,
        required=page_field.required,
        label=page_field.label,
        help_text=page_field.help_text,
    )


def translatable_page_model(field):
    model = getattr(getattr(field, "queryset", None), "model", None)
    return (
        model is not None
        and model is not Page
        and issubclass(model, Page)
        and issubclass(model, TranslatableMixin)
    )


class PageInItsLanguageForm(WagtailAdminPageForm):
    """Terms and pages offered in the page's own language."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        locale = self.instance.locale if self.instance.locale_id else None
        if locale is None and parent_page is not None:
            locale = parent_page.locale
        self.page_locale = locale
        if locale is not None:
            self.choose_in_language(locale)
        for narrow in hooks.get_hooks(PAGE_FORM_HOOK):
            narrow(self, self.for_user)

    def choose_in_language(self, locale):
        for name in TAXONOMY_FIELDS:
            if name in self.fields:
                field = self.fields[name]
                field.queryset = field.queryset.filter(locale=locale)
        for name, field in list(self.fields.items()):
            if isinstance(field, forms.ModelChoiceField) and (
                not isinstance(field, forms.ModelMultipleChoiceField)
                and translatable_page_model(field)
            ):
                current = self.initial.get(name) if self.instance.pk else None
                self.fields[name] = in_page_language(field, locale, current)


def limit_page_choices(form, name, queryset, message):
    """Offer only ``queryset`` in the page field ``name`` (a hook's call);
    another value is refused with ``message``, as a form error. With one
    choice, it is chosen already."""
    field = form.fields[name]
    field.queryset = queryset
    field.error_messages["invalid_choice"] = message
    pks = list(field.queryset.values_list("pk", flat=True)[:2])
    if len(pks) == 1 and not form.initial.get(name):
        form.initial[name] = pks[0]
        field.empty_label = None
        field.widget.choices = field.choices
