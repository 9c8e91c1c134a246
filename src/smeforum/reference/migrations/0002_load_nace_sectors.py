"""Load NACE Rev. 2 sections and divisions from reference/data/nace_rev2.csv."""

from django.db import migrations

from smeforum.reference.domain.sectors import sync_nace_sectors


def load(apps, schema_editor):
    sync_nace_sectors(apps.get_model("reference", "Sector"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
