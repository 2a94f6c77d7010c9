from django.core.management.base import BaseCommand
from django.db import transaction

from kaohsiung_admin.core.registry import app_modules


class Command(BaseCommand):
    help = (
        "Fill the database with demo records for ROC 111 (2022) and a smaller 110, app by app "
        "(each app's demo.py). Idempotent: an app whose demo data is present is left alone."
    )

    def handle(self, *args, **options):
        for _config, module in app_modules("demo"):
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
