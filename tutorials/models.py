import re
from html import unescape
from urllib.parse import quote

from csp.utils import build_policy
from django import forms
from django.conf import global_settings, settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtailmedia.edit_handlers import MediaChooserPanel

from core.collation import sort_key
from core.localization import Localizer, attach, reading_locale, with_untranslated
from core.models import IndexPage
from core.permissions import PermissionPolicyMixin
from core.templatetags.core_tags import iso_duration
from tutorials.captions import validate_webvtt
from tutorials.forms import TutorialPageForm


def plain_text(html):
    """Rich text as plain text, one space between paragraphs."""
    spaced = re.sub(r"</(p|li|h[1-6])>|<br\s*/?>", " ", html)
    return " ".join(unescape(strip_tags(spaced)).split())


class Level(models.TextChoices):
    BEGINNER = "beginner", _("beginner")
    INTERMEDIATE = "intermediate", _("intermediate")
    ADVANCED = "advanced", _("advanced")


class TutorialIndexPage(IndexPage):
    subpage_types = ["tutorials.TutorialPage"]
    template = "pages/tutorial_index_page.html"
    has_feeds = True
    card_image = "poster"

    class Meta:
        verbose_name = _("tutorial list")
        verbose_name_plural = _("tutorial lists")

    @property
    def listing(self):
        return with_untranslated(
            TutorialPage.objects.live().public(), self.locale
        ).for_cards()

    def localize_cards(self, items):
        return TutorialPage.localize_cards(items, self.locale)

    def filter_listing(self, listing):
        listing.add_terms("audience")
        listing.add_libraries(["library__translation_key"])
        return listing.apply(by_title=("title",))


class TutorialQuerySet(PageQuerySet):
    def for_cards(self):
        # Audiences: read by ``localize_cards``, in one query.
        return self.select_related("poster").order_by("-first_published_at", "title")


class TutorialPage(PermissionPolicyMixin, RoutablePageMixin, Page):
    """An instructional video, with captions, a transcript, and an embed page
    that member libraries put in their own sites."""

    video = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("video file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A video uploaded here (WebM or MP4). Or give a video address below."
        ),
    )
    video_url = models.URLField(
        _("video address"),
        blank=True,
        help_text=_(
            "The video on YouTube, Vimeo, PeerTube or another site that allows "
            "embedding."
        ),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown before the video plays, and in shared links."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("What the viewer will learn, in two or three sentences."),
    )
    transcript = RichTextField(
        _("transcript"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        help_text=_(
            "Everything said and shown in the video, for those who cannot hear it."
        ),
    )
    duration = models.DurationField(
        _("duration"), null=True, blank=True, help_text=_("As hh:mm:ss, e.g. 00:04:30.")
    )
    tools = models.CharField(
        _("tools covered"),
        max_length=255,
        blank=True,
        help_text=_("Programs and services shown, separated by commas: Zoom, Canva."),
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, blank=True
    )
    library = models.ForeignKey(
        "libraries.LibraryPage",
        verbose_name=_("made by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tutorials",
        help_text=_("The library that made the video; the network if left empty."),
    )
    audiences = ParentalManyToManyField(
        "core.Audience", blank=True, verbose_name=_("audiences")
    )
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("related project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tutorials",
    )

    objects = PageManager.from_queryset(TutorialQuerySet)()
    base_form_class = TutorialPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                MediaChooserPanel("video", media_type="video"),
                FieldPanel("video_url"),
                FieldPanel("poster"),
            ],
            heading=_("Video"),
        ),
        InlinePanel("captions", heading=_("Captions"), label=_("caption track")),
        FieldPanel("transcript"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("duration"), FieldPanel("level")]),
                FieldPanel("tools"),
                FieldPanel("library"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("project"),
            ],
            heading=_("About the tutorial"),
        ),
    ]

    # Shown on the page alone, never on its card (core.cache_tags).
    cache_text_fields = ("transcript",)

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("transcript"),
        index.SearchField("tools"),
        index.FilterField("level"),
    ]

    api_fields = [
        "video_url",
        "summary",
        "transcript",
        "duration",
        "tools",
        "level",
        "audiences",
        "project",
        "captions",
    ]

    parent_page_types = ["tutorials.TutorialIndexPage"]
    subpage_types: list[str] = []
    template = "pages/tutorial_page.html"

    # Among the new stories of the site's feed (core.feeds.SiteFeed).
    in_site_feed = True

    class Meta:
        verbose_name = _("tutorial")
        verbose_name_plural = _("tutorials")

    def clean(self):
        super().clean()
        if not self.video_id and not self.video_url:
            raise ValidationError(
                {"video_url": gettext("Choose a video file or give a video address.")}
            )

    def summary_text(self):
        """For the meta description (core.descriptions) and the site's feed."""
        return self.summary

    @staticmethod
    def localize_cards(tutorials, locale):
        return attach(tutorials, locale, many=("audiences",))

    @property
    def tool_list(self):
        return [tool.strip() for tool in self.tools.split(",") if tool.strip()]

    @property
    def caption_tracks(self):
        """Caption tracks in the order of the site's languages."""
        order = {
            code: position for position, (code, _name) in enumerate(settings.LANGUAGES)
        }
        tracks = getattr(self, "_caption_tracks", None)
        if tracks is None:  # read once for the page and its player
            tracks = sorted(
                self.captions.all(), key=lambda c: order.get(c.language, 99)
            )
            self._caption_tracks = tracks
        return list(tracks)

    def caption_language(self, request):
        """The caption track asked for with ?captions=, else the page's language.

        Raises ValueError for a language the tutorial has no captions in.
        """
        available = {track.language for track in self.caption_tracks}
        asked = request.GET.get("captions")
        if asked is not None:
            if asked not in available:
                raise ValueError(asked)
            return asked
        return reading_locale(self).language_code

    def absolute_url(self, request):
        """The page's address on the host the request came to, as a
        webmaster copying the embed code sees it."""
        return request.build_absolute_uri(self.get_url(request))

    def embed_url(self, request, captions=None):
        url = self.absolute_url(request) + self.reverse_subpage("embed")
        return f"{url}?captions={captions}" if captions else url

    def player_context(self, request):
        # The project and library are read here, in this request: whether the
        # public may see them is known without asking again.
        localize = Localizer(reading_locale(self), read_now=True)
        audiences = list(self.audiences.all())
        library = self.library
        localize.prepare([*audiences, self.project, library])
        return {
            "audiences": [localize(a) for a in audiences],
            "related_project": localize(self.project) if self.project_id else None,
            "made_by": localize(library) if library else None,
            "caption_tracks": self.caption_tracks,
        }

    def bad_captions(self, request, language):
        available = ", ".join(track.language for track in self.caption_tracks) or "–"
        message = gettext(
            "This tutorial has no captions in “%(language)s”. Captions exist in: "
            "%(available)s."
        ) % {"language": language[:20], "available": available}
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")

    @path("")
    def tutorial(self, request):
        try:
            captions = self.caption_language(request)
        except ValueError as error:
            return self.bad_captions(request, str(error))
        page_url = self.absolute_url(request)
        return self.render(
            request,
            context_overrides={
                **self.player_context(request),
                "default_captions": captions,
                "embed_code_url": self.embed_url(request, captions),
                "oembed_url": request.build_absolute_uri(reverse("oembed"))
                + "?url="
                + quote(page_url, safe=""),
                "structured_data": self.structured_data(request),
            },
        )

    def structured_data(self, request):
        """schema.org VideoObject, for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "VideoObject",
            "name": self.title,
            "description": self.summary,
            "inLanguage": self.locale.language_code,
            "embedUrl": self.embed_url(request),
            "url": self.absolute_url(request),
        }
        if self.first_published_at:
            data["uploadDate"] = self.first_published_at.isoformat()
        if self.duration:
            data["duration"] = iso_duration(self.duration)
        if self.poster:
            rendition = self.poster.get_rendition("fill-1280x720")
            data["thumbnailUrl"] = [request.build_absolute_uri(rendition.url)]
        if self.video:
            data["contentUrl"] = request.build_absolute_uri(self.video.url)
        if self.transcript:
            data["transcript"] = plain_text(self.transcript)
        return data

    @path("embed/", name="embed")
    def embed(self, request):
        """The player alone, for other sites to frame: no site chrome, no cookies."""
        try:
            captions = self.caption_language(request)
        except ValueError as error:
            return self.bad_captions(request, str(error))
        response = TemplateResponse(
            request,
            "pages/tutorial_embed.html",
            {
                **self.get_context(request),
                **self.player_context(request),
                "default_captions": captions,
            },
        )
        # Any site may frame this page, and only this page: the site's policy
        # (config/settings/base.py) otherwise holds, frame-ancestors aside. In
        # the response itself, so that a cached copy carries it too.
        response["Content-Security-Policy"] = build_policy(
            replace={"frame-ancestors": "*"}
        )
        response.xframe_options_exempt = True
        return response


def caption_languages():
    """The languages a caption track may be in (every one Django knows), named
    in the active language and in its alphabetical order: the admin's list
    reads like an index, not like the language codes."""
    language = get_language()
    named = [(code, gettext(name)) for code, name in global_settings.LANGUAGES]
    return sorted(named, key=lambda choice: sort_key(choice[1], language))


class TutorialCaption(Orderable):
    """A WebVTT caption track of a tutorial, in one language."""

    page = ParentalKey(TutorialPage, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=caption_languages,
    )
    file = models.FileField(
        _("WebVTT file"),
        upload_to="tutorials/captions/",
        validators=[FileExtensionValidator(["vtt"]), validate_webvtt],
        help_text=_("Captions in WebVTT format (.vtt), UTF-8."),
    )

    panels = [FieldPanel("language"), FieldPanel("file")]

    api_fields = ["language", "file"]

    class Meta(Orderable.Meta):
        verbose_name = _("caption track")
        verbose_name_plural = _("caption tracks")
        unique_together = [("page", "language")]

    @property
    def label(self):
        """The language's name in itself, as a reader looks for it."""
        return LANG_INFO.get(self.language, {}).get("name_local", self.language)
