"""Create the role groups of SPEC.md. Their permissions are (re)set after every migrate by
`roles.sync_roles`, since apps that land later bring models this migration cannot know."""

from django.db import migrations

ROLE_NAMES = [
    "staff",
    "facility_clerk",
    "dormitory_asset_clerk",
    "consumer_protection_officer",
    "document_clerk",
    "international_officer",
    "manager",
    "administrator",
    "api_client",
]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
