"""Model instances for a page of a list, built without `Model.__init__`.

Django builds each row's instance through `Model.from_db` → `Model.__init__`, which walks every
concrete field of the model twice (once to place deferred markers for the columns a `.only()`
left out, once to `setattr` each value) and sends `pre_init`/`post_init`: on a 40-column model
read with `.only()` that is most of what reading a page of 50 rows costs in Python. A page's
instances need none of it: `FastModelIterable` writes the row's values straight into the new
instance's `__dict__` under their attnames and marks the instance as loaded from the database,
which is what `__init__` + `from_db` leave behind for positional values (deferred fields still load
on first access, related objects through select_related / prefetch_related as before).

It is used only where that is exactly equivalent, otherwise the model keeps Django's path:
the model defines neither `__init__` nor `from_db`, no `pre_init`/`post_init` receiver is
connected for it (ImageField's dimensions, trackers), and no concrete field's attribute is a
descriptor with a `__set__` other than Django's own (deferred attribute, foreign key id, file).
`fast_queryset(qs)` returns a copy of a model queryset read that way (core.paginator uses it for
the page of every list).
"""

from __future__ import annotations

import operator

from django.db import models
from django.db.models import signals
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import ModelIterable, get_related_populators
from django.db.models.query_utils import DeferredAttribute

_SAFE_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute, FileDescriptor)
_ELIGIBLE: dict[type, bool] = {}


def eligible(model) -> bool:
    """Whether instances of `model` may be built without `__init__` (see the module docstring)."""
    found = _ELIGIBLE.get(model)
    if found is not None:
        return found
    ok = True
    for klass in model.__mro__:
        if klass in (models.Model, object):
            break
        if "__init__" in vars(klass) or "from_db" in vars(klass):
            ok = False
    if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
        ok = False
    for field in model._meta.concrete_fields:
        descriptor = model.__dict__.get(field.attname)
        if descriptor is None:
            for klass in model.__mro__[1:]:
                if field.attname in vars(klass):
                    descriptor = vars(klass)[field.attname]
                    break
        if descriptor is not None and hasattr(descriptor, "__set__") and not isinstance(descriptor, _SAFE_DESCRIPTORS):
            ok = False
    # Receivers may be connected later (an app's ready()): only cache a positive answer once the
    # app registry is ready.
    from django.apps import apps

    if apps.ready:
        _ELIGIBLE[model] = ok
    return ok


def _maker(model_cls, db, init_list):
    new = object.__new__

    def make(values):
        obj = new(model_cls)
        state = ModelState()
        state.adding = False
        state.db = db
        obj._state = state
        obj.__dict__.update(zip(init_list, values, strict=True))
        return obj

    return make


class FastModelIterable(ModelIterable):
    """Django's ModelIterable (5.2), the main model's instances built by `_maker`."""

    def __iter__(self):
        queryset = self.queryset
        db = queryset.db
        compiler = queryset.query.get_compiler(using=db)
        results = compiler.execute_sql(chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size)
        select, klass_info, annotation_col_map = (
            compiler.select,
            compiler.klass_info,
            compiler.annotation_col_map,
        )
        model_cls = klass_info["model"]
        select_fields = klass_info["select_fields"]
        model_fields_start, model_fields_end = select_fields[0], select_fields[-1] + 1
        init_list = [f[0].target.attname for f in select[model_fields_start:model_fields_end]]
        if eligible(model_cls):
            make = _maker(model_cls, db, init_list)
        else:

            def make(values):
                return model_cls.from_db(db, init_list, values)

        related_populators = get_related_populators(klass_info, select, db)
        known_related_objects = [
            (
                field,
                related_objs,
                operator.attrgetter(
                    *[
                        (field.attname if from_field == "self" else queryset.model._meta.get_field(from_field).attname)
                        for from_field in field.from_fields
                    ]
                ),
            )
            for field, related_objs in queryset._known_related_objects.items()
        ]
        for row in compiler.results_iter(results):
            obj = make(row[model_fields_start:model_fields_end])
            for rel_populator in related_populators:
                rel_populator.populate(row, obj)
            if annotation_col_map:
                for attr_name, col_pos in annotation_col_map.items():
                    setattr(obj, attr_name, row[col_pos])
            for field, rel_objs, rel_getter in known_related_objects:
                if field.is_cached(obj):
                    continue
                rel_obj_id = rel_getter(obj)
                try:
                    rel_obj = rel_objs[rel_obj_id]
                except KeyError:
                    pass
                else:
                    setattr(obj, field.name, rel_obj)
            yield obj


def _single_valued_joins(query) -> bool:
    from django.db.models.sql.datastructures import BaseTable

    for join in query.alias_map.values():
        if isinstance(join, BaseTable):
            continue
        field = getattr(join, "join_field", None)
        if not isinstance(field, models.Field) or not (field.many_to_one or field.one_to_one):
            return False  # a reverse or many-to-many join may repeat a row
    return True


def without_needless_distinct(queryset):
    """A model queryset's DISTINCT dropped when it cannot remove a row: whole rows (the primary
    key among them) whose joins are all forward many-to-one / one-to-one, no DISTINCT ON, no
    annotations or extra. django-filter's MultipleChoiceFilter asks for DISTINCT on every use
    (`distinct=True` by default); on one table it only makes PostgreSQL sort every matching row
    by every column before it counts or pages them (87 ms at a million petitions, status=closed)."""
    if not isinstance(queryset, models.QuerySet) or queryset._iterable_class is not ModelIterable:
        return queryset
    query = queryset.query
    if not query.distinct or query.distinct_fields or query.combinator or query.extra or query.annotations:
        return queryset
    if query.values_select:
        return queryset
    if not _single_valued_joins(query):
        return queryset
    queryset = queryset._chain()
    queryset.query.distinct = False
    return queryset


def fast_queryset(queryset):
    """A copy of a model queryset whose rows are built by FastModelIterable; anything else
    (a list, a `.values()` queryset) is returned as it is."""
    if isinstance(queryset, models.QuerySet) and queryset._iterable_class is ModelIterable:
        queryset = queryset._chain()
        queryset._iterable_class = FastModelIterable
    return queryset
