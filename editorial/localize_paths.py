"""wagtail-localize's own views, held to the permission policy.

Its views check only the ``submit_translation`` permission (wagtail-localize
issue: "Translate" offers every locale, "Update translations" publishes every
language). Four of them are answered here first, at their own addresses (as
``po_hooks`` does), so its buttons and links need no change; each form offers
only what the user may do, and a POST asking more is refused (403) before
anything is saved:

- **Translate** a page or a snippet (``submit_page_translation``,
  ``submit_snippet_translation``): into the user's own languages only (a
  translator's group names the language; network editors and superusers
  translate into any). Someone who may not publish may not start a
  translation whose parent page has none in that language yet:
  wagtail-localize would make a live alias of the parent, which the public
  sees at once. A snippet's translation is live when made, so only those who
  may add that snippet translate it.
- **Update translations** (``update_translations``): only for someone who
  may edit every translation it updates (a sync changes their text at the
  next publish and copies the source's privacy onto them at once); "publish
  immediately" is offered (and taken) only from someone who may publish
  every translation it would publish.
- **Convert to alias** (``convert_to_alias``): only for someone who may
  publish the page, since the alias shows the source at once; the page's
  own texts are kept as translations first (``hand_edits``).

Its "Translate this page" button (in the explorer's "More" menu and a page's
header) is shown only where the user may translate the page into a language
it lacks: wagtail-localize's own button function is wrapped (``hold_buttons``).

The translation editor's other endpoints (strings, PO files, machine
translation, disabling) ask wagtail-localize's ``user_can_edit_instance``,
which asks the page's permission tester, that is the policy.
"""

from django import forms
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import convert
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from editorial.hand_edits import keep_hand_edits, warn_unpaired
from editorial.policy import is_network_editor, user_languages


def may_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    meta = instance._meta
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")


def translatable_locales(user, instance):
    """The locales the user may translate the page or snippet into."""
    languages = user_languages(user)
    if not isinstance(instance, Page):
        meta = instance._meta
        if not user.has_perm(f"{meta.app_label}.add_{meta.model_name}"):
            return []
        return languages
    parent = instance.get_parent()
    if is_network_editor(user) or parent.depth <= 1 or may_publish(user, instance):
        return languages
    translated = set(
        Page.objects.filter(translation_key=parent.translation_key).values_list(
            "locale_id", flat=True
        )
    )
    return [locale for locale in languages if locale.pk in translated]


def may_translate_somewhere(user, page):
    """The page lacks a language the user may translate it into."""
    existing = set(
        Page.objects.filter(
            translation_key=page.translation_key, alias_of=None
        ).values_list("locale_id", flat=True)
    )
    return any(locale.pk not in existing for locale in translatable_locales(user, page))


def policy_buttons(buttons):
    """wagtail-localize's page buttons, without a "Translate this page" that
    would offer no language, nor a "Sync translated pages" the user may not
    take."""

    def held(page, user, view_name=None, next_url=None):
        translate = reverse(
            "wagtail_localize:submit_page_translation",
            args=[page.alias_of_id or page.id],
        )
        for button in buttons(page, user, view_name=view_name, next_url=next_url):
            if button.url == translate and not may_translate_somewhere(
                user,
                Page.objects.get(pk=page.alias_of_id) if page.alias_of_id else page,
            ):
                continue
            if "/localize/update/" in button.url and not may_update(
                user, TranslationSource.objects.get_for_instance(page)
            ):
                continue
            yield button

    return held


def hold_buttons():
    """Wrap wagtail-localize's button function where it is registered (Wagtail
    has no hook to change another app's header or "More" buttons)."""
    for name in ("register_page_header_buttons", "register_page_listing_more_buttons"):
        registered = hooks._hooks.get(name, [])
        for index, (function, order) in enumerate(registered):
            if function is localize_hooks.page_listing_more_buttons:
                registered[index] = (policy_buttons(function), order)


hold_buttons()


class PolicyTranslateMixin:
    """The form lists the locales the user may translate into; a POST
    naming another is refused."""

    def allowed_locale_ids(self):
        if not hasattr(self, "_allowed_locale_ids"):
            self._allowed_locale_ids = {
                locale.pk
                for locale in translatable_locales(self.request.user, self.object)
            }
        return self._allowed_locale_ids

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(pk__in=self.allowed_locale_ids())
        return form

    def post(self, request, **kwargs):
        wanted = {int(pk) for pk in request.POST.getlist("locales") if pk.isdigit()}
        if wanted - self.allowed_locale_ids():
            raise PermissionDenied(
                _(
                    "You may translate only into your own languages, and only "
                    "where the page above this one is translated already."
                )
            )
        return super().post(request, **kwargs)


class TranslatePage(PolicyTranslateMixin, SubmitPageTranslationView):
    pass


class TranslateSnippet(PolicyTranslateMixin, SubmitSnippetTranslationView):
    pass


def may_edit(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    meta = instance._meta
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")


def may_update(user, source, check=may_edit):
    """``check`` holds for every enabled translation of the source: a sync
    changes them all (their text at the next publish, and their privacy,
    which wagtail-localize copies from the source at once)."""
    for translation in source.translations.filter(enabled=True):
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            continue
        if not check(user, target):
            return False
    return True


class UpdateTranslations(UpdateTranslationsView):
    """A sync only by someone who may edit every translation it changes;
    'Publish immediately' only for someone who may publish them all."""

    def dispatch(self, request, *args, **kwargs):
        source = self.get_object()
        if not may_update(request.user, source):
            raise PermissionDenied(
                _("You may not change every translation this would update.")
            )
        self.may_publish_all = may_update(request.user, source, may_publish)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        if not self.may_publish_all:
            field = form.fields["publish_translations"]
            field.disabled = True
            field.widget = forms.HiddenInput()
        return form

    def post(self, request, **kwargs):
        if request.POST.get("publish_translations") and not self.may_publish_all:
            raise PermissionDenied(
                _("You may not publish every translation this would publish.")
            )
        return super().post(request, **kwargs)


def convert_to_alias(request, page_id):
    if request.method == "POST":
        page = Page.objects.filter(pk=page_id).first()
        if page is not None and not may_publish(request.user, page):
            raise PermissionDenied(_("You may not publish this page."))
        if page is not None:
            # The alias takes the source's content and the translation is
            # deleted: the page's own texts are kept as translations first,
            # and come back when it is translated again (hand_edits).
            for translation in Translation.objects.filter(
                source__object_id=page.translation_key, target_locale=page.locale_id
            ).select_related("source", "target_locale"):
                warn_unpaired(request, keep_hand_edits(translation))
    return convert.convert_to_alias(request, page_id)


@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    # The same paths as wagtail-localize's views (under its "localize/"
    # prefix), matched first: see the module's docstring.
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            TranslatePage.as_view(),
            name="translations_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            TranslateSnippet.as_view(),
            name="translations_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslations.as_view(),
            name="translations_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            convert_to_alias,
            name="translations_convert_to_alias",
        ),
    ]


@hooks.register("construct_page_action_menu")
def convert_to_alias_only_for_publishers(menu_items, request, context):
    """wagtail-localize's "Convert to alias page" (shown once a translation
    was disabled) only where the view above would let the user through."""
    page = context.get("page")
    if page is None or may_publish(request.user, page):
        return
    menu_items[:] = [
        item for item in menu_items if item.name != "localize-convert-to-alias"
    ]
