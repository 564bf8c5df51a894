"""The table takes the editorial app's name, and the content type (with the
permissions that hang on it) moves along, so no group loses a permission."""

from django.db import migrations


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")  # noqa: N806
    db = schema_editor.connection.alias
    old = ContentType.objects.using(db).filter(
        app_label="libraries", model="libraryteam"
    )
    if not ContentType.objects.using(db).filter(
        app_label="editorial", model="libraryteam"
    ).exists():
        old.update(app_label="editorial")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")  # noqa: N806
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(
        app_label="libraries", model="libraryteam"
    ).exists():
        ContentType.objects.using(db).filter(
            app_label="editorial", model="libraryteam"
        ).update(app_label="libraries")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0001_library_team"),
        ("libraries", "0003_library_team_moves_to_editorial"),
    ]

    operations = [
        migrations.AlterModelTable(name="libraryteam", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
