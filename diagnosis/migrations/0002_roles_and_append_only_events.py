"""Roles as groups, and the database refusing to update or delete session events."""

from django.db import migrations

from diagnosis.accounts.roles import ROLE_PERMISSIONS, roles_ensure

def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles_ensure(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


PG_FORWARD = """
CREATE OR REPLACE FUNCTION medaction_events_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION USING MESSAGE = 'session events are append-only (' || TG_OP || ' refused)';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER diagnosis_sessionevent_append_only
  BEFORE UPDATE OR DELETE ON diagnosis_sessionevent
  FOR EACH ROW EXECUTE FUNCTION medaction_events_append_only();
"""
PG_REVERSE = """
DROP TRIGGER IF EXISTS diagnosis_sessionevent_append_only ON diagnosis_sessionevent;
DROP FUNCTION IF EXISTS medaction_events_append_only();
"""
SQLITE_FORWARD = [
    """CREATE TRIGGER diagnosis_sessionevent_no_update BEFORE UPDATE ON diagnosis_sessionevent
       BEGIN SELECT RAISE(ABORT, 'session events are append-only (UPDATE refused)'); END;""",
    # No DELETE trigger on SQLite: its flush (used by the test runner) deletes row by row, where
    # Postgres truncates. Deletion is still refused by the model and by on_delete=PROTECT.
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS diagnosis_sessionevent_no_update;",
]


def triggers_forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql)


def triggers_reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_REVERSE)
    elif vendor == "sqlite":
        for sql in SQLITE_REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("diagnosis", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_roles, remove_roles),
        migrations.RunPython(triggers_forward, triggers_reverse),
    ]
