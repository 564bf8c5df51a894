"""Template tags of documents made into PDF (core.pdf)."""

from django import template

register = template.Library()


@register.filter
def upload_url(file):
    """The address a PDF template gives an uploaded file (a rendition's
    ``file``): read from the storage by ``core.pdf.UploadFetcher``."""
    # Django imports every tag library as its template engine starts: core.pdf
    # (WeasyPrint, and the Pango it loads) only once a PDF is made.
    from core.pdf import upload_url as url_of_upload

    return url_of_upload(file.name) if file else ""
