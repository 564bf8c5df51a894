"""Which uploaded files the public may load: one rule for every door.

A file is public only when at least one page the public may see uses it. The
pages the public may see are ``Page.objects.live().public()``. A page uses:

- an image, a document or a media item that its live content refers to, as
  Wagtail's reference index records it: foreign keys (a tutorial's poster
  and video), chooser blocks in a StreamField, images and links in rich
  text, and the same in the page's inline children;
- a file of its own: a file field of the page or of an inline child of it
  (a model with a ParentalKey to the page), such as a tutorial's caption
  tracks. These are found among the installed models, so core names none.

A rendition is public when its image is, a media item's thumbnail when the
media item is, and a document only outside a private collection (one with a
view restriction, or under one). Nothing else is public: an orphan upload, a
draft's poster, an image used only in a draft revision, an editor's avatar,
Wagtail's pending uploads, a file left over in an upload folder with no row.
The site has no branding files (no settings model holds an image or a
document; the templates draw no logo), so there is no exception for them.

Why the reference index stands for the live content: after each save of a
page Wagtail indexes it by reading its row again from the database
(``wagtail.tasks.update_reference_index_task``, run at once by the "default"
task backend, config/settings/publishing.py). A page's row holds its live
content: saving a draft puts the content in a Revision, which the index
ignores (``wagtail_reference_index_ignore``), and writes only bookkeeping
fields (draft title, latest revision) to the row; publishing writes the
content to the row and the rows of its inline children. A page never
published has a row too, but is not live.
"""

import posixpath
from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, FileField, OuterRef, Q
from django.db.models.functions import Cast
from modelcluster.fields import ParentalKey
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, ReferenceIndex
from wagtailmedia.models import get_media_model


def public_pages():
    """The pages the public may see."""
    return Page.objects.live().public()


def _used_by_public_pages(model):
    """True for an object of ``model`` (the outer query's) that the live
    content of a page the public may see refers to."""
    return Exists(
        ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(model),
            to_object_id=Cast(OuterRef("pk"), CharField()),
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=public_pages()
            .annotate(key=Cast("pk", CharField()))
            .values("key"),
        )
    )


def document_in_public_use(document):
    """Whether a page the public may see uses the document, whatever its
    collection (whose privacy Wagtail's document view checks itself)."""
    model = get_document_model()
    return (
        model.objects.filter(pk=document.pk)
        .filter(_used_by_public_pages(model))
        .exists()
    )


def _narrowed(queryset, model, public):
    # By primary key, a filter every search backend applies (an API search
    # asks the search backend with this queryset).
    if queryset is None:
        queryset = model.objects.all()
    return queryset.filter(pk__in=public.values("pk"))


def public_images(queryset=None):
    """The images (of ``queryset``, or all) the public may load."""
    model = get_image_model()
    return _narrowed(
        queryset, model, model.objects.filter(_used_by_public_pages(model))
    )


def public_renditions(queryset=None):
    model = get_image_model().get_rendition_model()
    return _narrowed(queryset, model, model.objects.filter(image__in=public_images()))


def public_media(queryset=None):
    """The media items (video, audio) the public may load; their thumbnails
    too."""
    model = get_media_model()
    return _narrowed(
        queryset, model, model.objects.filter(_used_by_public_pages(model))
    )


def public_documents(queryset=None):
    """The documents the public may download: used by a page the public may
    see and outside every private collection."""
    model = get_document_model()
    private = Q()
    for path in CollectionViewRestriction.objects.values_list(
        "collection__path", flat=True
    ):
        private |= Q(collection__path__startswith=path)
    public = model.objects.filter(_used_by_public_pages(model))
    return _narrowed(queryset, model, public.exclude(private) if private else public)


def _of_public_pages(key):
    def public(queryset):
        return queryset.filter(**{f"{key}__in": public_pages().values("pk")})

    return public


def _rule_for(model):
    """How to narrow the objects of ``model`` to those whose files the public
    may load; None where no rule makes its files public."""
    rules = {
        get_image_model(): public_images,
        get_image_model().get_rendition_model(): public_renditions,
        get_media_model(): public_media,
        get_document_model(): public_documents,
    }
    if model in rules:
        return rules[model]
    if issubclass(model, Page):
        return _of_public_pages("pk")
    for field in model._meta.get_fields():
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            return _of_public_pages(field.name)
    return None


def _folder(model, field):
    """The folder of MEDIA_ROOT (or of the bucket) that the field stores its
    files in: its ``upload_to`` up to any date placeholder, or for a function
    (Wagtail's images and renditions, avatars) where it puts a file."""
    if isinstance(field.upload_to, str):
        parts = field.upload_to.strip("/").split("/")
        kept = []
        for part in parts:
            if "%" in part:
                break
            kept.append(part)
        return "/".join(kept)
    return posixpath.dirname(field.generate_filename(model(), "file"))


@cache
def _upload_folders():
    """(folder, [(model, field name, rule)]) for each folder of uploads,
    deepest first, so that ``tutorials/captions`` is found before a
    ``tutorials`` of its own."""
    folders = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField):
                folder = _folder(model, field)
                if folder:
                    folders.setdefault(folder, []).append(
                        (model, field.name, _rule_for(model))
                    )
    return sorted(folders.items(), key=lambda item: -item[0].count("/"))


def _owners(name):
    # Without case: a file system may ignore it, and the file found then
    # would be judged by no row.
    lowered = name.lower()
    for folder, owners in _upload_folders():
        if lowered.startswith(folder.lower() + "/"):
            return owners
    return None


def is_upload(name):
    """Whether ``name`` (relative to MEDIA_ROOT, with "/") lies in a folder
    that a model stores uploaded files in: a file there is public only by
    ``is_public``, even if no row names it."""
    return _owners(name) is not None


def is_public(name):
    """Whether the public may load the uploaded file ``name``: one query
    (beside the private sections that ``.public()`` reads once a request)."""
    return any(
        rule(model.objects.filter(**{field: name})).exists()
        for model, field, rule in _owners(name) or ()
        if rule is not None
    )
