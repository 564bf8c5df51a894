"""LibraryTeam now belongs to the editorial app (editorial 0001 takes the
table over): forget it here, in the migration state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("libraries", "0002_library_team"),
        ("editorial", "0001_library_team"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="LibraryTeam")],
            database_operations=[],
        ),
    ]
