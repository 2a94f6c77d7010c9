# Bookings and public-space requests take core.decisions.DecisionFields: only the requester's
# reverse name changes (no SQL).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("facilities", "0003_permit_running_numbers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="booking",
            name="requested_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="%(app_label)s_%(class)s_requests",
                to=settings.AUTH_USER_MODEL,
                verbose_name="申請人",
            ),
        ),
        migrations.AlterField(
            model_name="publicspacerequest",
            name="requested_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="%(app_label)s_%(class)s_requests",
                to=settings.AUTH_USER_MODEL,
                verbose_name="申請人",
            ),
        ),
    ]
