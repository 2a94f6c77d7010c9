"""The API's JSON renderer: DRF's output, written by orjson.

DRF's JSONRenderer runs the standard library's encoder with a Python `default` for every date,
Decimal or lazy string: on a page of 50 rows that is a few per cent of the request. orjson writes
the same bytes several times faster. Everything that is not a plain str, int, float, bool, None,
list or dict (dates and times included) goes through DRF's own encoder's `default`, so the text is
the one DRF writes (dates, times, Decimals, lazy strings, querysets alike); U+2028/U+2029 are
escaped as DRF does. Pretty-printed output (`indent`, the browsable API) and anything orjson
refuses (an integer beyond 64 bits) fall back to DRF's renderer.
"""

from __future__ import annotations

import orjson
from rest_framework import renderers
from rest_framework.utils import encoders

_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
_DRF_DEFAULT = encoders.JSONEncoder().default


class FastJSONRenderer(renderers.JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.ensure_ascii or not self.compact or self.get_indent(accepted_media_type, renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            body = orjson.dumps(data, default=_DRF_DEFAULT, option=_OPTIONS)
        except (orjson.JSONEncodeError, TypeError):
            return super().render(data, accepted_media_type, renderer_context)
        if b"\xe2\x80\xa8" in body or b"\xe2\x80\xa9" in body:
            body = body.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
        return body
