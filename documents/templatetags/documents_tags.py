"""Masks for petitioners' data on list pages (core.personal_data; a list never shows them in full)."""

from django import template

from kaohsiung_admin.core.personal_data import mask_name, mask_phone

register = template.Library()


@register.filter
def mask_person_name(value):
    return mask_name(value)


@register.filter
def mask_person_phone(value):
    return mask_phone(value)
