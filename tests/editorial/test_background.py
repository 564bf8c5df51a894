"""Translating a whole project: the request does the project, a worker the rest."""

import pytest
from wagtail.models import Locale

from practices.models import PracticePage
from projects.models import ProjectIndexPage, ProjectPage
from tests.conftest import run_command
from tests.factories import PracticePageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def test_the_subtree_is_translated_by_the_worker_not_the_request(
    admin_client, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    polish = Locale.objects.get(language_code="pl")
    finnish = Locale.objects.get(language_code="fi")
    project = ProjectPageFactory(
        parent=ProjectIndexPage.objects.get(locale=polish), title="Duży projekt"
    )
    project.save_revision().publish()
    for n in range(3):
        PracticePageFactory(
            parent=project, title=f"Praktyka {n}"
        ).save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/localize/submit/page/{project.pk}/",
            {"locales": [finnish.pk], "include_subtree": "on"},
        )
    assert response.status_code == 302
    # The request translated the project itself and queued the rest.
    assert ProjectPage.objects.filter(
        translation_key=project.translation_key, locale=finnish
    ).exists()
    practices = PracticePage.objects.filter(
        locale=finnish, title__startswith="Praktyka"
    )
    assert practices.count() == 0
    queued = DBTaskResult.objects.filter(queue_name="translations")
    assert queued.count() == 1

    # What the worker (manage.py db_worker) does with it. The worker itself
    # commits and closes connections, which a test inside a transaction cannot
    # let it do; test_the_worker_command_runs_queued_translations
    # runs it for real on committed data.
    stored = queued.get()
    stored.task.call(*stored.args_kwargs["args"], **stored.args_kwargs["kwargs"])

    assert practices.count() == 3
    assert not practices.filter(live=True).exists()  # drafts, for review


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_queued_translations(live_site):
    """On committed data, as in production: the request queues, the worker
    command translates."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    polish = Locale.objects.get(language_code="pl")
    finnish = Locale.objects.get(language_code="fi")
    project = ProjectPageFactory(
        parent=ProjectIndexPage.objects.get(locale=polish), title="Projekt w tle"
    )
    project.save_revision().publish()
    PracticePageFactory(
        parent=project, title="Praktyka w tle"
    ).save_revision().publish()
    admin = get_user_model().objects.create_superuser("worker-admin", password="x")
    client = Client()
    client.force_login(admin)
    client.post(
        f"/admin/localize/submit/page/{project.pk}/",
        {"locales": [finnish.pk], "include_subtree": "on"},
    )
    assert not PracticePage.objects.filter(locale=finnish, title="Praktyka w tle")

    run_command(
        "db_worker",
        "--batch",
        "--backend=background",
        "--queue-name=translations",
        "--no-startup-delay",
    )

    assert PracticePage.objects.filter(locale=finnish, title="Praktyka w tle").exists()
    assert DBTaskResult.objects.get(queue_name="translations").status == "SUCCESSFUL"
