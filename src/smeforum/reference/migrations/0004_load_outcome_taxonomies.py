"""Load the shipped outcome kinds and fields of cooperation (reference/data/*.csv)."""

from django.db import migrations

from smeforum.reference.domain.sectors import sync_cooperation_fields, sync_outcome_kinds


def load(apps, schema_editor):
    sync_outcome_kinds(apps.get_model("reference", "OutcomeKind"))
    sync_cooperation_fields(
        apps.get_model("reference", "CooperationField"), apps.get_model("reference", "Sector")
    )


class Migration(migrations.Migration):
    dependencies = [("reference", "0003_outcomekind_cooperationfield")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
