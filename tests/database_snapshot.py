"""The demo's tables kept in memory and copied back, on PostgreSQL.

Tests on a live server run on committed data, so the database is flushed
after each and the demo restored before the next. Django restores from its
serialized JSON, one object saved at a time: about four seconds for the
demo, before every live test. Here each table's rows are kept as
PostgreSQL's binary COPY and copied back in one transaction (the foreign
keys Django creates are checked at its end), with the sequences where they
were: well under a second. SQLite keeps Django's way.
"""

from django.db import transaction


def _tables(connection):
    return sorted(
        connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
    )


def take(connection):
    """Every table's rows and every sequence's value, as they are now."""
    quote = connection.ops.quote_name
    tables = {}
    with connection.cursor() as cursor:
        raw = cursor.cursor
        for table in _tables(connection):
            with raw.copy(f"COPY {quote(table)} TO STDOUT (FORMAT BINARY)") as copy:
                tables[table] = b"".join(bytes(block) for block in copy)
        cursor.execute(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename),"
            " last_value FROM pg_sequences WHERE schemaname = current_schema()"
        )
        sequences = cursor.fetchall()
    return tables, sequences


def restore(connection, snapshot):
    """Empty the tables and copy the snapshot's rows back."""
    tables, sequences = snapshot
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in tables))
        raw = cursor.cursor
        for table, rows in tables.items():
            with raw.copy(f"COPY {quote(table)} FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(rows)
        for sequence, value in sequences:
            if value is None:
                cursor.execute("SELECT setval(%s, 1, false)", [sequence])
            else:
                cursor.execute("SELECT setval(%s, %s, true)", [sequence, value])
