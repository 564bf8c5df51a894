from wagtail.admin.forms import WagtailAdminPageForm

TERM_FIELDS = ("audiences", "formats", "topics")
# Every relation to a taxonomy that a page's form offers.
TAXONOMY_FIELDS = (*TERM_FIELDS, "goals")


class TermsInPageLanguageForm(WagtailAdminPageForm):
    """Offer an editor the audiences, formats, topics and goals of the page's
    own language only: each term exists once per language, and the page shows
    the reader's version whichever one is chosen."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        locale_id = self.instance.locale_id or getattr(parent_page, "locale_id", None)
        if locale_id is None:
            return
        for name in TAXONOMY_FIELDS:
            if name in self.fields:
                field = self.fields[name]
                field.queryset = field.queryset.filter(locale_id=locale_id)
