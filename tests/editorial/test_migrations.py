"""The library teams moved from the libraries app to the editorial app.

A database made before the move (the demo, loaded, then its migrations taken
back to where the previous code left them) migrates forward, and every team,
group permission and page is still there, on SQLite and on PostgreSQL.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

SNAPSHOT = """
import json
from django.db import connection

def rows(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return sorted([list(map(str, row)) for row in cursor.fetchall()])

tables = connection.introspection.table_names()
names = ("editorial_libraryteam", "libraries_libraryteam")
team_table = next(name for name in names if name in tables)
print(json.dumps({
    "team_table": team_table,
    "teams": rows(f"SELECT group_id, library_key FROM {team_table}"),
    "team_content_type": rows(
        "SELECT app_label FROM django_content_type WHERE model = 'libraryteam'"
    ),
    "group_permissions": rows(
        "SELECT g.group_id, p.codename FROM auth_group_permissions g"
        " JOIN auth_permission p ON p.id = g.permission_id"
    ),
    "page_permissions": rows(
        "SELECT group_id, page_id, permission_id"
        " FROM wagtailcore_grouppagepermission"
    ),
    "pages": rows(
        "SELECT id, content_type_id, locale_id, live, title FROM wagtailcore_page"
    ),
    "applied": rows(
        "SELECT app, name FROM django_migrations"
        " WHERE app IN ('editorial', 'libraries')"
    ),
}))
"""


def manage(database, *args):
    completed = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DATABASE_URL": database.url,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def snapshot(database):
    return json.loads(
        manage(database, "shell", "--no-imports", "-c", SNAPSHOT).splitlines()[-1]
    )


@pytest.mark.django_db
class TestLibraryTeamsMoveToEditorial:
    def test_a_database_from_before_the_move_keeps_everything(self, demo_database):
        # Where the previous code left a database: the teams in the
        # libraries app's table, no editorial migration applied.
        manage(demo_database, "migrate", "editorial", "zero", "--noinput")
        before = snapshot(demo_database)
        assert before["team_table"] == "libraries_libraryteam"
        assert before["team_content_type"] == [["libraries"]]
        assert ["editorial", "0001_library_team"] not in before["applied"]
        assert len(before["teams"]) == 14  # one per library of the demo

        manage(demo_database, "migrate", "--noinput")
        after = snapshot(demo_database)

        assert after["team_table"] == "editorial_libraryteam"
        assert after["team_content_type"] == [["editorial"]]
        assert after["teams"] == before["teams"]
        assert after["group_permissions"] == before["group_permissions"]
        assert after["page_permissions"] == before["page_permissions"]
        assert after["pages"] == before["pages"]
        assert ["editorial", "0002_library_team_table"] in after["applied"]
        assert ["libraries", "0003_library_team_moves_to_editorial"] in after["applied"]

    def test_the_moved_teams_still_narrow_their_editors(self, demo_database):
        manage(demo_database, "migrate", "editorial", "zero", "--noinput")
        manage(demo_database, "migrate", "--noinput")
        check = """
from django.contrib.auth.models import Group, User
from editorial.models import LibraryTeam
from editorial.roles import is_library_editor_only, user_library_keys
team = LibraryTeam.objects.select_related("group").order_by("pk").first()
user = User.objects.create_user("after-the-move")
user.groups.add(team.group)
print(user_library_keys(user) == {team.library_key}, is_library_editor_only(user))
"""
        assert manage(demo_database, "shell", "--no-imports", "-c", check).split() == [
            "True",
            "True",
        ]
