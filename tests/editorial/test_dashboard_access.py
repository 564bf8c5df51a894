"""Who may see the translation dashboard, and whether it offers them the links
to translate."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from editorial.roles import TRANSLATORS
from home.models import HomePage
from tests.factories import user_in_group

from .dashboard_pages import URL, cell, get, statuses


@pytest.mark.django_db
class TestAccess:
    def test_anonymous_users_are_sent_to_login(self, client):
        assert reverse("translations_dashboard") == URL
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"] == f"/admin/login/?next={URL}"

    def test_users_without_admin_access_cannot_see_it(self, client, django_user_model):
        user = django_user_model.objects.create_user("reader", password="x")
        user.user_permissions.add(Permission.objects.get(codename="submit_translation"))
        client.force_login(user)
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    def admin_user(self, django_user_model, *codenames):
        user = django_user_model.objects.create_user("editor", password="x")
        group = Group.objects.create(name="Dashboard test")
        group.permissions.add(
            Permission.objects.get(codename="access_admin"),
            *Permission.objects.filter(codename__in=codenames),
        )
        user.groups.add(group)
        return user, group

    def test_admin_users_who_can_neither_translate_nor_edit_cannot(
        self, client, django_user_model
    ):
        user, _group = self.admin_user(django_user_model)
        client.force_login(user)
        response = client.get(URL)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        home = client.get("/admin/", headers={"accept-language": "en"})
        assert "Translation dashboard" not in home.content.decode()

    def test_page_editors_see_it_without_translate_links(
        self, client, django_user_model, polish_project, locales
    ):
        user, group = self.admin_user(django_user_model)
        GroupPagePermission.objects.create(
            group=group,
            page=HomePage.objects.get(locale=locales["pl"]),
            permission=Permission.objects.get(codename="change_page"),
        )
        client.force_login(user)
        response = get(client)
        assert response.status_code == 200
        assert statuses(response, polish_project)["fi"] == "missing"
        assert "submit" not in cell(response, polish_project, "fi")
        home = client.get("/admin/", headers={"accept-language": "en"})
        assert "Translation dashboard" in home.content.decode()

    def test_translators_see_translate_links_into_their_language_only(
        self, client, polish_project, locales
    ):
        """The dashboard offers only what the policy allows (issue 13): a
        Finnish translator gets "Translate" into Finnish, not into Russian,
        and no editor link to the Polish original they may not edit."""
        finnish = TRANSLATORS.format(locales["fi"].get_display_name())
        client.force_login(user_in_group(finnish, "translator-fi"))
        response = get(client)
        assert response.status_code == 200
        translate_url = reverse(
            "wagtail_localize:submit_page_translation", args=[polish_project.id]
        )
        assert translate_url in cell(response, polish_project, "fi")
        assert statuses(response, polish_project)["ru"] == "missing"
        assert translate_url not in cell(response, polish_project, "ru")
        edit_url = reverse("wagtailadmin_pages:edit", args=[polish_project.id])
        assert edit_url not in response.content.decode()
        home = client.get("/admin/", headers={"accept-language": "en"})
        assert URL in home.content.decode()
