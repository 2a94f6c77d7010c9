"""The API's OpenAPI schema: who may read it, and the error statuses every operation documents.

(`core.schema` names the enums; it is read by settings, before apps load, so it imports nothing of
drf-spectacular. This module does.)
"""

from drf_spectacular.openapi import AutoSchema

# --- who may read the schema ------------------------------------------------------------------


class SchemaAccess:
    """The schema and the docs: open in the embedded default; in production only to a signed-in
    user or a request with a valid token (it maps every resource and field of the API)."""

    def has_permission(self, request, view) -> bool:
        from django.conf import settings

        if not settings.PRODUCTION:
            return True
        user = getattr(request, "user", None)
        return bool((user is not None and user.is_authenticated) or getattr(request, "auth", None) is not None)

    def has_object_permission(self, request, view, obj) -> bool:
        return self.has_permission(request, view)


# --- the schema itself ------------------------------------------------------------------------


# The office calendar (core.dates): a date outside ROC year 1 .. 2200 is refused.
OFFICE_DATE_PATTERN = r"^(19(1[2-9]|[2-9][0-9])|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}$"
NO_NUL_PATTERN = r"^[^\x00]*$"  # Django's form fields refuse NUL characters
# What core.personal_data's validators accept, as patterns (Python's \s and \d, as the server's).
# The phone validator drops spaces and dashes anywhere first; DRF trims the ends. The national
# ID's checksum is beyond a pattern: a value that matches may still get a 400 naming the field.
_GAP = r"[\s-]*"
PHONE_PATTERN = (
    rf"^\s*{_GAP}0{_GAP}(?:9(?:{_GAP}\d){{8}}|[1-8](?:{_GAP}\d){{5,10}}(?:{_GAP}#(?:{_GAP}\d){{1,6}})?){_GAP}\s*$"
)
NATIONAL_ID_PATTERN = r"^\s*[A-Za-z][12890]\d{8}\s*$"


class BureauAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, saying what the server enforces on query parameters: the
    ordering fields a view accepts, the bounds of integer filters, the office calendar's dates and
    no NUL characters. The error statuses every operation can answer are added to all operations
    at once by `document_error_responses`."""

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        from rest_framework import serializers

        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        many = (serializers.ManyRelatedField, serializers.ListField, serializers.ListSerializer)
        non_empty = isinstance(field, many) and not getattr(field, "allow_empty", True)
        if non_empty and isinstance(schema, dict) and schema.get("type") == "array":
            schema.setdefault("minItems", 1)
        if (
            direction == "request"
            and isinstance(field, serializers.DecimalField)
            and isinstance(schema, dict)
            and schema.get("type") == "number"
            and field.decimal_places is not None
        ):
            # the digits after the point the server keeps (a cost in whole yuan, an area in 0.01 m²)
            if field.decimal_places == 0:
                schema["type"] = "integer"
                schema.pop("format", None)
            else:
                schema["multipleOf"] = 10**-field.decimal_places
        if direction == "request" and isinstance(schema, dict) and schema.get("type") == "string":
            pattern = self._validator_pattern(field)
            if pattern and "pattern" not in schema:
                blank = getattr(field, "allow_blank", False)
                schema["pattern"] = f"^(?:{pattern[1:-1]})?$" if blank else pattern
        return schema

    def _insert_field_validators(self, field, schema):
        super()._insert_field_validators(field, schema)
        if getattr(field, "read_only", False) and isinstance(schema, dict) and _blank_model_field(field):
            # DRF drops allow_blank from read-only fields, yet a blank model field answers "".
            if "enum" in schema and "" not in schema["enum"]:
                schema["enum"] = [*schema["enum"], ""]
            elif schema.get("format") in ("email", "uri"):
                schema.pop("format")
                schema["description"] = (schema.get("description", "") + " Empty when there is none.").strip()

    @staticmethod
    def _validator_pattern(field) -> str | None:
        from kaohsiung_admin.core.personal_data import validate_national_id, validate_phone

        validators = list(getattr(field, "validators", []) or [])
        if validate_phone in validators:
            return PHONE_PATTERN
        if validate_national_id in validators:
            return NATIONAL_ID_PATTERN
        return None

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation:
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    self._bound(parameter)
        return operation

    def _filter_field(self, name):
        filterset = getattr(self.view, "filterset_class", None)
        flt = getattr(filterset, "base_filters", {}).get(name) if filterset else None
        try:
            return flt.field if flt is not None else None
        except Exception:  # a filter whose form field needs a request: leave it as documented
            return None

    def _integer_filter(self, name, schema) -> bool:
        """An id filter (core IdFilter, a whole-number form field) or a model choice by id is an
        integer, whatever model field drf-spectacular guessed it from."""
        from django import forms

        field = self._filter_field(name)
        single = isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField)
        if single and getattr(field, "to_field_name", None) in (None, "pk", "id"):
            schema.clear()
            schema.update({"type": "integer", "minimum": 1})
            return True
        if isinstance(field, forms.IntegerField) and schema.get("type") != "integer":
            for key in ("format", "pattern", "enum"):
                schema.pop(key, None)
            schema["type"] = "integer"
        return False

    def _bound(self, parameter) -> None:
        schema = parameter.setdefault("schema", {})
        name = parameter["name"]
        filterset = getattr(self.view, "filterset_class", None)
        if (
            name in getattr(filterset, "base_filters", {})
            and not parameter.get("required")
            and schema.get("type") != "array"
        ):
            # django-filter reads `?status=` as no filter at all
            parameter["allowEmptyValue"] = True
        if name == "ordering":
            # Only django-filter's OrderingFilter (core.filters.StableOrderingFilter) refuses an
            # unknown field; DRF's own OrderingFilter ignores it, so it keeps a plain string.
            field = self._filter_field(name)
            choices = [str(value) for value, _label in getattr(field, "choices", []) if value]
            if choices:
                fields = sorted({choice.lstrip("-") for choice in choices}, key=len, reverse=True)
                one = "-?(" + "|".join(fields) + ")"
                schema["pattern"] = f"^({one}(,{one})*)?$"
                parameter.setdefault("description", "Comma-separated; `-` for descending: " + ", ".join(sorted(fields)))
            return
        if self._integer_filter(name, schema):
            return
        kind = schema.get("type")
        if schema.get("format") == "date":
            schema.setdefault("pattern", OFFICE_DATE_PATTERN)
        elif kind == "integer" or kind == "number":
            field = self._filter_field(name)
            minimum = getattr(field, "min_value", None)
            maximum = getattr(field, "max_value", None)
            if minimum is not None:
                schema.setdefault("minimum", minimum)
            if maximum is not None:
                schema.setdefault("maximum", maximum)
        elif kind == "string" and "enum" not in schema and "format" not in schema:
            schema.setdefault("pattern", NO_NUL_PATTERN)
            field = self._filter_field(name)
            if getattr(field, "min_length", None):
                schema.setdefault("minLength", field.min_length)
            if getattr(field, "max_length", None):
                schema.setdefault("maxLength", field.max_length)
        elif kind == "array":
            items = schema.get("items", {})
            if items.get("type") == "string" and "enum" not in items:
                items.setdefault("pattern", NO_NUL_PATTERN)


def _blank_model_field(field) -> bool:
    """A serializer field read from a model's CharField/TextField that may be blank."""
    from django.core.exceptions import FieldDoesNotExist
    from django.db import models

    model = getattr(getattr(getattr(field, "parent", None), "Meta", None), "model", None)
    source = getattr(field, "source", None)
    if model is None or not source or "." in source or source == "*":
        return False
    try:
        model_field = model._meta.get_field(source)
    except FieldDoesNotExist:
        return False
    return isinstance(model_field, models.CharField | models.TextField) and model_field.blank


ERROR_SCHEMA = {
    "type": "object",
    "description": "The API's one error shape (core.api.exceptions).",
    "properties": {
        "status": {"type": "integer"},
        "code": {"type": "string"},
        "detail": {},
        "errors": {
            "type": "object",
            "additionalProperties": {},
            "description": "Field errors: field name -> list of messages (nested for nested fields).",
        },
    },
    "required": ["status", "code", "detail"],
    "additionalProperties": True,
}

_DESCRIPTIONS = {
    "400": "Invalid input (body or query parameters); `errors` names each field.",
    "401": "No credential or an invalid one.",
    "403": "The credential may not do this.",
    "404": "No such object (or a page past the end).",
    "405": "Method not allowed.",
    "406": "Only application/json responses are offered.",
    "409": "The request conflicts with the object's state.",
    "413": "Request body larger than the limit.",
    "415": "Only application/json request bodies are accepted.",
    "429": "Throttled: wait `Retry-After` seconds.",
    "503": "Database or queue unreachable: retry after `Retry-After` seconds.",
}
_ALWAYS = ("400", "401", "403", "404", "406", "429", "503")
_WRITES = ("409", "413", "415")


def document_error_responses(result, generator, request, public):
    """Postprocessing hook: every operation documents the error statuses it can answer, in the
    one error shape, so a schema-driven client (or schemathesis) is never surprised by one."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR_SCHEMA)
    for name, component in schemas.items():
        if name.endswith("Request"):  # what a client sends: dates inside the office calendar
            for prop in (component.get("properties") or {}).values():
                if prop.get("format") == "date":
                    prop.setdefault("pattern", OFFICE_DATE_PATTERN)
    ref = {"$ref": "#/components/schemas/Error"}
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            codes = list(_ALWAYS) + (list(_WRITES) if method in ("post", "put", "patch", "delete") else [])
            for code in codes:
                if code in responses:
                    continue
                headers = {}
                if code in ("429", "503"):
                    headers = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds."}}
                responses[code] = {
                    "description": _DESCRIPTIONS[code],
                    "content": {"application/json": {"schema": ref}},
                    **({"headers": headers} if headers else {}),
                }
    return result
