"""LibraryTeam moves here from libraries: the same table, taken over in the
migration state only, so no row is touched (see libraries 0003)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("libraries", "0002_library_team"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LibraryTeam",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "library_key",
                            models.UUIDField(unique=True, verbose_name="library"),
                        ),
                        (
                            "group",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="library_team",
                                to="auth.group",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "library team",
                        "verbose_name_plural": "library teams",
                        "db_table": "libraries_libraryteam",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
