from django.db import migrations


def configure_polish(apps, schema_editor):
    from search.text_search import configure

    configure(schema_editor.connection)


def remove_polish(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS polish")
        schema_editor.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS polish_hunspell")


class Migration(migrations.Migration):
    """PostgreSQL's ``polish`` text-search configuration (nothing elsewhere)."""

    dependencies = []

    operations = [migrations.RunPython(configure_polish, remove_polish)]
