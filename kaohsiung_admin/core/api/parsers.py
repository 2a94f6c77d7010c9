"""The API's only parser: JSON, with a body size limit and a nesting limit.

A body larger than API_MAX_BODY_BYTES is a 413 before it is read further; JSON nested deeper than
API_MAX_JSON_DEPTH (or so deep that Python's parser would hit its recursion limit, ~1,000 levels,
which was a 500) is a 400 with a clear error. NaN and Infinity are refused, as DRF's strict mode
does.
"""

from __future__ import annotations

import codecs
import json

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers, status


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"
    default_detail = _("請求內容過大。")


def _refuse_constant(value):
    raise ValueError(f"{value} is not valid JSON")


def json_depth_exceeds(data, limit: int) -> bool:
    """Whether `data` nests more than `limit` levels of objects or arrays (iterative: no recursion)."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.API_MAX_BODY_BYTES
        request = parser_context.get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        too_large = _("請求內容超過 %(limit)s KB 上限。") % {"limit": limit // 1024}
        if declared and str(declared).isdigit() and int(declared) > limit:
            raise RequestTooLarge(too_large)
        raw = stream.read(limit + 1)
        if len(raw) > limit:
            raise RequestTooLarge(too_large)
        try:
            text = codecs.decode(raw, encoding)
            data = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError:
            raise exceptions.ParseError(
                _("JSON 巢狀層數過深（上限 %(depth)s 層）。") % {"depth": settings.API_MAX_JSON_DEPTH}
            ) from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise exceptions.ParseError(_("JSON 格式錯誤：%(error)s") % {"error": exc}) from None
        if json_depth_exceeds(data, settings.API_MAX_JSON_DEPTH):
            raise exceptions.ParseError(
                _("JSON 巢狀層數過深（上限 %(depth)s 層）。") % {"depth": settings.API_MAX_JSON_DEPTH}
            )
        return data
