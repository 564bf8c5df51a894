"""What editorial work keeps in the database of its own."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import AbstractGroupApprovalTask, Orderable


class LibraryTeam(models.Model):
    """The editors of one member library: a Wagtail group tied to the library
    in every language (by its translation key). Made when a library is first
    saved, so a new library gets its group without code changes."""

    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="library_team"
    )
    library_key = models.UUIDField(_("library"), unique=True)

    class Meta:
        verbose_name = _("library team")
        verbose_name_plural = _("library teams")

    def __str__(self):
        return self.group.name


class ReviewTask(AbstractGroupApprovalTask):
    """Approval by a member of the chosen groups who is not the one who
    submitted: a moderator's own edit waits for another moderator (or a
    network editor), so nothing reaches readers unreviewed, a moderator's
    work included."""

    def submitted_by(self, obj, user):
        state = obj.current_workflow_state
        return state is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        if not user.is_superuser and self.submitted_by(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, except the one who submitted")

    class Meta:
        verbose_name = _("review by another")
        verbose_name_plural = _("reviews by another")


class GlossaryTerm(ClusterableModel):
    """One of the network's terms, written in each of its languages: every
    pair of them is an entry of that language pair's glossary ("Biblioteka
    Wiodąca" → "leading library"). Kept by network editors (``setup_roles``);
    shown beside the segments that contain it, sent to DeepL as a glossary
    and checked in machine output (``editorial/glossary.py``)."""

    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("What the term means or when to use it, for translators."),
    )

    panels = [
        FieldPanel("note"),
        InlinePanel(
            "entries",
            min_num=2,
            label=_("the term in each language"),
            heading=_("Languages"),
        ),
    ]

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self):
        return " → ".join(entry.text for entry in self.entries.all())


def one_line(value):
    if any(character in value for character in "\t\r\n"):
        raise ValidationError(_("A term is one line, without tabs."))


class GlossaryEntry(Orderable):
    """A glossary term in one language."""

    term = ParentalKey(GlossaryTerm, on_delete=models.CASCADE, related_name="entries")
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("language"),
    )
    text = models.CharField(
        _("term"),
        max_length=200,
        validators=[one_line],
        help_text=_("As it is written in running text, in its basic form."),
    )

    panels = [FieldPanel("locale"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("term in a language")
        verbose_name_plural = _("terms in each language")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "locale"], name="glossary_entry_one_per_language"
            )
        ]

    def __str__(self):
        return self.text
