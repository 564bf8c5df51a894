"""What the review e-mails need beyond Wagtail's tags."""

from django import template
from wagtail.admin.utils import get_admin_base_url

register = template.Library()


@register.simple_tag
def served_url(page):
    """The page's public address on the served one (WAGTAILADMIN_BASE_URL):
    the admin and the public site are served by one deployment, whose
    Wagtail site may carry another hostname (the demo's says localhost:80)."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    _site_id, _root_url, path = parts
    return (get_admin_base_url() or "").rstrip("/") + path
