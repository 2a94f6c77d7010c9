from rest_framework import serializers

from kaohsiung_admin.core.models import CalendarOverride


class CalendarOverrideSerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarOverride
        fields = ["id", "date", "is_working_day", "reason", "updated_at"]
        read_only_fields = ["id", "updated_at"]
