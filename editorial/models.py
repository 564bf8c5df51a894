"""What editorial work keeps in the database of its own."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


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
