"""Hand edits kept before "Start synced translation" (``hand_edits``).

wagtail-localize restarts a stopped translation from its ``before_edit_page``
(and ``before_edit_snippet``) hook, when the edit form posts
``localize-restart-translation``. This hook runs first (``order=-1``) and
records the page's own texts as translations, so the translation editor that
opens next shows them and the next publish writes them back.
"""

from wagtail import hooks
from wagtail_localize.models import Translation

from .hand_edits import keep_hand_edits, warn_unpaired


def keep_before_restart(request, instance):
    if request.method != "POST" or "localize-restart-translation" not in request.POST:
        return
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=False,
        )
        .select_related("source", "target_locale")
        .first()
    )
    if translation is not None:
        warn_unpaired(request, keep_hand_edits(translation))


@hooks.register("before_edit_page", order=-1)
def before_edit_page(request, page):
    keep_before_restart(request, page)


@hooks.register("before_edit_snippet", order=-1)
def before_edit_snippet(request, instance):
    keep_before_restart(request, instance)
