"""Bidirectional control characters neutralised in every text a user types, once for the site.

U+202E (RIGHT-TO-LEFT OVERRIDE) makes `abc\u202egnp.exe` display as `abcexe.png`; the embedding,
override and isolate controls have no use in a Chinese or English name or title and are removed
from every Django form CharField and DRF CharField (which covers names, titles, notes, search
terms, the admin and the API alike), so no app needs its own check. The Arabic letter mark and
LRM/RLM are removed too. Other text is untouched.

Installed by `BidiGuardConfig` (in INSTALLED_APPS), which wraps the two fields' cleaning.
"""

from __future__ import annotations

import re

from django.apps import AppConfig

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_PATTERN = re.compile(f"[{BIDI_CONTROLS}]")


def strip_bidi(value):
    """`value` without bidi control characters (non-strings are returned as they are)."""
    if isinstance(value, str) and _PATTERN.search(value):
        return _PATTERN.sub("", value)
    return value


def has_bidi(value) -> bool:
    return isinstance(value, str) and bool(_PATTERN.search(value))


def install() -> None:
    from django import forms
    from rest_framework import serializers

    if getattr(forms.CharField, "_bidi_guarded", False):
        return

    form_to_python = forms.CharField.to_python

    def to_python(self, value):
        return strip_bidi(form_to_python(self, value))

    forms.CharField.to_python = to_python
    forms.CharField._bidi_guarded = True

    drf_to_internal = serializers.CharField.to_internal_value

    def to_internal_value(self, data):
        return strip_bidi(drf_to_internal(self, data))

    serializers.CharField.to_internal_value = to_internal_value
    serializers.CharField._bidi_guarded = True


class BidiGuardConfig(AppConfig):
    name = "kaohsiung_admin.core.bidi"
    label = "core_bidi"
    verbose_name = "Bidi guard"
    default = False

    def ready(self):
        install()
