from django.http import Http404
from wagtail import hooks

from tutorials.models import TutorialPage


@hooks.register("before_serve_page", order=-100)
def embed_only_public_tutorials(page, request, serve_args, serve_kwargs):
    """The embed page of a private tutorial does not exist for anyone.

    Wagtail would answer it with a login form, inside another site's frame;
    a private tutorial is simply not embeddable.
    """
    if not isinstance(page, TutorialPage) or not serve_args:
        return None
    is_embed = getattr(serve_args[0], "__name__", "") == "embed"
    if is_embed and page.get_view_restrictions().exists():
        raise Http404
    return None
