"""Curators may read case versions and edit the price table and cost policy."""

from django.db import migrations

CURATOR_PERMISSIONS = [
    ("diagnosis", "view_caseversion"),
    ("diagnosis", "add_testprice"), ("diagnosis", "change_testprice"), ("diagnosis", "view_testprice"),
    ("diagnosis", "change_costpolicy"), ("diagnosis", "view_costpolicy"),
]
REVIEWER_PERMISSIONS = [("diagnosis", "view_caseversion"), ("diagnosis", "view_testprice")]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in (("curator", CURATOR_PERMISSIONS), ("reviewer", REVIEWER_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, codename in perms:
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [("diagnosis", "0003_case_library"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
