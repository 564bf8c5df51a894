"""The taxonomies in the admin: one menu, a snippet list per kind; and the
page door of the rule for what the public may see."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import Audience, Format, Goal, Topic


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class FormatViewSet(SnippetViewSet):
    model = Format
    icon = "form"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class GoalViewSet(SnippetViewSet):
    model = Goal
    icon = "globe"
    list_display = ["number", "name", "slug"]
    search_fields = ["name"]
    ordering = ["number"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomies")
    menu_icon = "tag"
    menu_order = 300
    items = (AudienceViewSet, FormatViewSet, TopicViewSet, GoalViewSet)


register_snippet(TaxonomyGroup)


@hooks.register("before_serve_page")
def no_page_under_an_unpublished_one(page, request, serve_args, serve_kwargs):
    """A live page below one that is not live is not public (its address runs
    through a page readers cannot see): Wagtail's routing serves it, so it is
    refused here. View restrictions, translations' included, are Wagtail's
    own hook's (``core.wagtail_shortcuts.get_view_restrictions``)."""
    from core.request_memo import under_unpublished

    if under_unpublished(page):
        raise Http404


@hooks.register("before_serve_page")
def served_page_shows_its_text(page, request, serve_args, serve_kwargs):
    """The response serves ``page``: a correction to its text makes it
    stale (``core.cache_tags.text_only_change``), in whatever language it
    is read and by whichever of its routes (its embed page, its calendar)."""
    from core.cache_tags import record, text_tag

    record(text_tag(page.translation_key))


@hooks.register("before_serve_page")
def its_own_version_where_there_is_one(page, request, serve_args, serve_kwargs):
    """A page read inside another language (``core.localization.route_inside``)
    that has since been translated into it: the reader goes to that
    version, where the public may see it."""
    from django.shortcuts import redirect
    from wagtail.models import Page

    from core.cache_tags import listing, page_tag

    locale = getattr(page, "shown_inside", None)
    if locale is None:
        return None
    with listing(page_tag(page.translation_key)):
        version = (
            Page.objects.live()
            .public()
            .filter(translation_key=page.translation_key, locale_id=locale.pk)
            .first()
        )
    if version is None:
        return None
    return redirect(version.get_url(request))
