"""wagtail-localize's own views, held to the permission policy.

Its views check only the ``submit_translation`` permission (wagtail-localize
issue: "Translate" offers every locale, "Update translations" publishes every
language). This middleware asks the policy before two of them run:

- **Translate** (``submit_page_translation``): into the user's own languages
  only (a translator's group names the language; network editors and
  superusers translate into any). Someone who may not publish may not start a
  translation whose parent page has none in that language yet:
  wagtail-localize would make a live alias of the parent, which the public
  sees at once.
- **Update translations** (``update_translations``) with "publish
  immediately": only for someone who may publish every translation it would
  publish.
- **Convert to alias** (``convert_to_alias``): only for someone who may
  publish the page, since the alias shows the source at once.

Each refusal is a 403 and changes nothing.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from editorial.policy import is_network_editor
from editorial.roles import TRANSLATORS


def user_languages(user):
    """The locales the user translates into: all for network editors."""
    locales = list(Locale.objects.all())
    if is_network_editor(user):
        return locales
    names = set(user.groups.values_list("name", flat=True))
    return [
        locale
        for locale in locales
        if TRANSLATORS.format(locale.get_display_name()) in names
    ]


def may_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    meta = instance._meta
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")


def check_translate(request, page_id):
    wanted = {int(pk) for pk in request.POST.getlist("locales") if pk.isdigit()}
    allowed = {locale.pk for locale in user_languages(request.user)}
    if wanted - allowed:
        raise PermissionDenied(_("You may translate into your own languages only."))
    page = Page.objects.filter(pk=page_id).first()
    if page is None or is_network_editor(request.user):
        return
    parent = page.get_parent()
    if parent.depth <= 1 or page.permissions_for_user(request.user).can_publish():
        return
    for locale_id in wanted:
        if not Page.objects.filter(
            translation_key=parent.translation_key, locale_id=locale_id
        ).exists():
            raise PermissionDenied(
                _("Translate the page above this one into that language first.")
            )


def check_convert(request, page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is not None and not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied(_("You may not publish this page."))


def check_update(request, source_id):
    if not request.POST.get("publish_translations"):
        return
    source = TranslationSource.objects.filter(pk=source_id).first()
    if source is None:
        return
    for translation in source.translations.filter(enabled=True):
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            continue
        if not may_publish(request.user, target):
            raise PermissionDenied(
                _("You may not publish every translation this would publish.")
            )


class LocalizePolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if request.method != "POST" or match is None:
            return None
        if "wagtail_localize" not in match.namespaces:
            return None
        if match.url_name == "submit_page_translation":
            check_translate(request, view_kwargs["page_id"])
        elif match.url_name == "convert_to_alias":
            check_convert(request, view_kwargs["page_id"])
        elif match.url_name == "update_translations":
            check_update(request, view_kwargs["translation_source_id"])
        return None
