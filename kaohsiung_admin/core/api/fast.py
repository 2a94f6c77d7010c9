"""List payloads without DRF's per-field machinery.

DRF serialises a page of 50 rows by asking each of the serializer's fields, for each row, to
get its attribute (`get_attribute` walks `source_attrs`, catches a handful of exceptions), check
for a skip, and `to_representation` it: a third or more of a list request. `FastListSerializer`
looks at the child serializer's fields once per serializer class and turns each into a plain
function of the row: a model column read directly, a method field called; DRF's own simple field
classes on other sources (`source="resource.name"`, a many-to-many of ids) keep their own
`get_attribute`/`to_representation` on one copy of the field made once; only what may read the
context (nested serializers, custom field classes, `source="*"`) is built per page as DRF does, so the payload is the same one DRF gives
(core/tests/test_perf_lists.py compares the two for method fields, masks, `finish_row` and an own
`to_representation`; each app's API tests assert its list payloads; no test yet compares the two
for every list serializer of every app).

The plan is then written out as straight-line Python (`_factory`: one statement per field,
compiled once per plan shape), so a row costs a dict and its attribute reads, not a loop that
dispatches on each field's kind.

Used by default for every serializer on `FastModelSerializer` (and
`MaskedPersonalDataSerializer`, which applies its masks in the same pass) when `many=True`; a
serializer that overrides `to_representation` keeps it (the list then calls it per row).
"""

from __future__ import annotations

import keyword

from django.db import models
from rest_framework import fields as drf_fields
from rest_framework import relations, serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

_STR_FIELDS = (
    drf_fields.CharField,
    drf_fields.EmailField,
    drf_fields.SlugField,
    drf_fields.URLField,
    drf_fields.RegexField,
)


def _concrete(model, name):
    try:
        field = model._meta.get_field(name)
    except Exception:
        return None
    return field if getattr(field, "concrete", False) and not field.many_to_many else None


def _as_str(value):
    return value if type(value) is str else str(value)


def _converter(field, model):
    """(getter, converter) for a field DRF would serialise through `get_attribute` and
    `to_representation`, or None to keep DRF's path for it."""
    if isinstance(field, serializers.SerializerMethodField):
        method = getattr(field.parent, field.method_name)
        return ("method", method)
    if field.source == "*":
        return None
    if len(field.source_attrs) != 1 or model is None or _concrete(model, field.source_attrs[0]) is None:
        return ("field", field) if _context_free(field) else None
    name = field.source_attrs[0]
    model_field = _concrete(model, name)
    kind = type(field)
    if isinstance(field, relations.PrimaryKeyRelatedField) and kind is relations.PrimaryKeyRelatedField:
        if field.pk_field is not None or not model_field.is_relation:
            return None
        return ("attr", model_field.attname, None)
    if model_field.is_relation:
        return ("field", field) if _context_free(field) else None
    if kind in _STR_FIELDS:
        return ("attr", name, _as_str)
    if kind is drf_fields.ChoiceField:
        lookup = field.choice_strings_to_values

        def choice(value, _lookup=lookup):
            if value == "":
                return value
            return _lookup.get(str(value), value)

        return ("attr", name, choice)
    if kind is drf_fields.IntegerField:
        return ("attr", name, int)
    if kind is getattr(drf_fields, "BigIntegerField", None):
        return ("attr", name, field.to_representation if getattr(field, "coerce_to_string", False) else int)
    if kind is drf_fields.FloatField:
        return ("attr", name, float)
    if kind is drf_fields.BooleanField:
        return ("attr", name, field.to_representation)
    if kind is drf_fields.DateField:
        output = getattr(field, "format", api_settings.DATE_FORMAT)
        if output is None or not isinstance(output, str) or output.lower() != drf_fields.ISO_8601:
            return ("attr", name, field.to_representation)

        def date(value):
            return value if isinstance(value, str) else value.isoformat()

        return ("attr", name, date)
    if kind in (drf_fields.DateTimeField, drf_fields.DecimalField, drf_fields.TimeField, drf_fields.UUIDField):
        return ("attr", name, field.to_representation)
    if kind is drf_fields.ReadOnlyField:
        return ("attr", name, None)
    return ("field", field) if _context_free(field) else None


# DRF's own field classes whose get_attribute and to_representation read neither the request nor
# the context: one bound copy of them (from the first page) serves every later page.
_CONTEXT_FREE = (
    drf_fields.BooleanField,
    drf_fields.CharField,
    drf_fields.ChoiceField,
    drf_fields.DateField,
    drf_fields.DateTimeField,
    drf_fields.DecimalField,
    drf_fields.DictField,
    drf_fields.DurationField,
    drf_fields.FloatField,
    drf_fields.IntegerField,
    drf_fields.JSONField,
    drf_fields.ListField,
    drf_fields.ReadOnlyField,
    drf_fields.TimeField,
    drf_fields.UUIDField,
    relations.PrimaryKeyRelatedField,
    relations.SlugRelatedField,
    relations.StringRelatedField,
)


def _context_free(field) -> bool:
    if isinstance(field, relations.ManyRelatedField):
        return _context_free(field.child_relation)
    if isinstance(field, (drf_fields.ListField, drf_fields.DictField)):
        return _context_free(field.child)
    return type(field).__module__.startswith("rest_framework.") and isinstance(field, _CONTEXT_FREE)


_PLANS: dict[type, list] = {}


def _customises_fields(cls) -> bool:
    """Whether a serializer class builds its fields per instance (its own `__init__` or
    `get_fields`, e.g. to hide some from some users): then its plan is made per page."""
    for klass in cls.__mro__:
        if klass.__module__.startswith("rest_framework") or klass in (FastListMixin, FastModelSerializer, object):
            continue
        if "get_fields" in vars(klass) or "__init__" in vars(klass):
            return True
    return False


def _plan(child):
    """[(name, spec)] for the child's readable fields; spec None keeps DRF's path for the field.
    Cached per serializer class: a plan holds no request, context or instance."""
    cls = type(child)
    plan = _PLANS.get(cls)
    if plan is None:
        model = getattr(getattr(child, "Meta", None), "model", None)
        plan = []
        for field in child._readable_fields:
            spec = _converter(field, model)
            if spec is not None and spec[0] == "method":
                spec = ("method", field.method_name)
            plan.append((field.field_name, spec))
        if not _customises_fields(cls):
            _PLANS[cls] = plan
    return plan


def _generic(field, instance):
    attribute = field.get_attribute(instance)
    check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
    return None if check is None else field.to_representation(attribute)


# Compiled row builders, by the shape of a plan: [(name, kind, attr)] -> factory(*bindings).
_FACTORIES: dict[tuple, object] = {}


def _factory(shape: tuple):
    """A function of the plan's bindings (fields, methods, converters) returning a row builder
    written out as straight-line code: one statement per field, no loop over the plan, no
    dispatch on its kinds (the plan's interpreter cost a third of serialising a page). Compiled
    once per shape, so per page only the bindings are new."""
    factory = _FACTORIES.get(shape)
    if factory is not None:
        return factory
    lines = ["def row(o):", "    d = {}"]
    params = []
    for i, (name, kind, attr) in enumerate(shape):
        key = repr(name)
        if kind in ("generic", "field"):
            params.append(f"b{i}")
            lines += ["    try:", f"        d[{key}] = _generic(b{i}, o)", "    except SkipField:", "        pass"]
        elif kind == "method":
            params.append(f"b{i}")
            lines.append(f"    d[{key}] = b{i}(o)")
        elif kind == "attr":
            lines.append(f"    d[{key}] = o.{attr}")
        else:  # converted attribute
            params.append(f"b{i}")
            lines += [f"    v = o.{attr}", f"    d[{key}] = None if v is None else b{i}(v)"]
    lines.append("    return d")
    source = f"def factory({', '.join(params)}):\n" + "\n".join("    " + line for line in lines)
    source += "\n    return row\n"
    namespace = {"_generic": _generic, "SkipField": SkipField}
    exec(compile(source, f"<core.api.fast row {len(shape)} fields>", "exec"), namespace)  # noqa: S102
    factory = namespace["factory"]
    if len(_FACTORIES) < 1_000:
        _FACTORIES[shape] = factory
    return factory


def _plain_name(attr: str) -> bool:
    return attr.isidentifier() and not keyword.iskeyword(attr)


def row_function(child):
    """A function of one row giving what `child.to_representation(row)` gives."""
    shape, bindings = [], []
    for name, spec in _plan(child):
        if spec is None:
            shape.append((name, "generic", None))
            bindings.append(child.fields[name])
        elif spec[0] == "method":
            shape.append((name, "method", None))
            bindings.append(getattr(child, spec[1]))
        elif spec[0] == "field":
            shape.append((name, "field", None))
            bindings.append(spec[1])
        elif spec[2] is None and _plain_name(spec[1]):
            shape.append((name, "attr", spec[1]))
        elif _plain_name(spec[1]):
            shape.append((name, "convert", spec[1]))
            bindings.append(spec[2])
        else:  # pragma: no cover - attnames are identifiers
            shape.append((name, "field", None))
            bindings.append(child.fields[name])
    return _factory(tuple(shape))(*bindings)


def _own_to_representation(child) -> bool:
    """Whether the child serialiser changed `to_representation` (then it is called per row)."""
    from kaohsiung_admin.core.api.serializers import MaskedPersonalDataSerializer

    method = type(child).to_representation
    return method not in (
        serializers.Serializer.to_representation,
        FastModelSerializer.to_representation,
        MaskedPersonalDataSerializer.to_representation,
    )


class FastListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        from kaohsiung_admin.core.api.serializers import MaskedPersonalDataSerializer

        iterable = data.all() if isinstance(data, models.manager.BaseManager) else data
        child = self.child
        if _own_to_representation(child):
            return [child.to_representation(item) for item in iterable]
        row = row_function(child)
        masks = None
        if isinstance(child, MaskedPersonalDataSerializer) and not child.context.get("unmask"):
            from kaohsiung_admin.core.personal_data import personal_fields

            masks = {}
        finish = None
        if isinstance(child, MaskedPersonalDataSerializer) and (
            type(child).finish_row is not MaskedPersonalDataSerializer.finish_row
        ):
            finish = child.finish_row
        rows = []
        for item in iterable:
            values = row(item)
            if masks is not None:
                kind = type(item)
                fields = masks.get(kind)
                if fields is None:
                    fields = masks[kind] = [(n, m) for n, m in personal_fields(item).items() if n in values]
                for name, mask in fields:
                    values[name] = mask(getattr(item, name))
            if finish is not None:
                values = finish(item, values)
            rows.append(values)
        return rows


class FastListMixin:
    """`many=True` gives a FastListSerializer unless Meta names another list serializer."""

    @classmethod
    def many_init(cls, *args, **kwargs):
        meta = getattr(cls, "Meta", None)
        if meta is not None and not hasattr(meta, "list_serializer_class"):
            meta.list_serializer_class = FastListSerializer
        return super().many_init(*args, **kwargs)


class FastModelSerializer(FastListMixin, serializers.ModelSerializer):
    """A ModelSerializer whose lists are built by FastListSerializer."""
