"""Template tags of documents made into PDF (core.pdf); loaded only there."""

from django import template

from core.pdf import upload_url as _upload_url

register = template.Library()


@register.filter
def upload_url(file):
    """The address a PDF template gives an uploaded file (a rendition's
    ``file``): read from the storage by ``core.pdf.UploadFetcher``."""
    return _upload_url(file.name) if file else ""
