"""The Celery app. Tasks live in each app's tasks.py and take ids, never objects."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaohsiung_admin.settings")

app = Celery("kaohsiung_admin")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def collect_beat_schedules(sender, **kwargs):
    """Each app may declare `BEAT_SCHEDULE = {...}` in its tasks.py; beat runs them all."""
    from kaohsiung_admin.core.registry import app_modules

    for _config, module in app_modules("tasks"):
        sender.conf.beat_schedule.update(getattr(module, "BEAT_SCHEDULE", {}))
