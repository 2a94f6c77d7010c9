from rest_framework import serializers

from kaohsiung_admin.core.api.fast import FastListMixin, FastModelSerializer
from kaohsiung_admin.core.models import CalendarOverride


class CalendarOverrideSerializer(FastModelSerializer):
    class Meta:
        model = CalendarOverride
        fields = ["id", "date", "is_working_day", "reason", "updated_at"]
        read_only_fields = ["id", "updated_at"]


class MaskedPersonalDataSerializer(FastListMixin, serializers.ModelSerializer):
    """Masks the model's `personal_fields` (core.personal_data) unless `context["unmask"]` is
    true; the viewset (`PersonalDataViewSetMixin`) decides and logs what it showed in full.
    Lists go through core.api.fast (the masks applied in the same pass). A subclass that must
    change each row after the masks (drop what a grant does not cover) overrides `finish_row`,
    which lists call too, rather than `to_representation`, which would put its lists back on
    DRF's per-field path."""

    def to_representation(self, instance):
        from kaohsiung_admin.core.personal_data import personal_fields

        data = super().to_representation(instance)
        if not self.context.get("unmask"):
            for name, mask in personal_fields(instance).items():
                if name in data:
                    data[name] = mask(getattr(instance, name))
        return self.finish_row(instance, data)

    def finish_row(self, instance, data: dict) -> dict:
        return data
