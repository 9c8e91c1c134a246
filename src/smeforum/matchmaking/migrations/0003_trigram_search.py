"""pg_trgm for the marketplace search's word similarity (matchmaking.queries.search_opportunities),
on PostgreSQL only: SQLite searches by substring and needs nothing."""

from django.db import migrations


def create_trigram_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("matchmaking", "0002_meeting_requests"),
    ]

    operations = [
        # Reversing keeps the extension: other databases objects may use it.
        migrations.RunPython(create_trigram_extension, migrations.RunPython.noop, elidable=False),
    ]
