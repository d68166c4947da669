"""`NamedTuple` for reportlint's record types: typing's to mypy, a lean namedtuple when run.

The hook starts on every commit and defines about 30 record types before it reads a line. typing's
`NamedTuple` reads each field's annotation, which `from __future__ import annotations` leaves as a string,
as a forward reference it compiles; `collections.namedtuple` then compiles a constructor from source for
each class. Together they cost the hook's start about 5 ms on a 2-core machine. The classes made here are
namedtuples to every caller (fields, defaults, `_replace`, `_make`, `_asdict`, repr, comparison, pickling)
with the class body's docstring, methods and properties, and no annotations kept at run time, which nothing
reads. Their constructor is compiled once per number of fields and renamed for each class.
"""

from __future__ import annotations

import sys
from operator import itemgetter

__all__ = ["NamedTuple"]

TYPE_CHECKING = False  # mypy takes any name TYPE_CHECKING as true; typing itself is not imported for it
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    try:
        from _collections import _tuplegetter  # what namedtuple's fields are read with, in C
    except ImportError:  # pragma: no cover - an interpreter without it

        def _tuplegetter(index, doc):
            return property(itemgetter(index), doc=doc)

    _constructors = {}  # number of fields -> a constructor with placeholder argument names

    def _constructor(name, fields, defaults):
        """`__new__(cls, *fields)` taking each field by name, with `defaults` for the last ones: the
        constructor for this many fields with its arguments renamed, compiled only the first time."""
        count = len(fields)
        if count not in _constructors:
            arguments = "".join(f"_{index}, " for index in range(count))
            _constructors[count] = eval(f"lambda _cls, {arguments}: _new(_cls, ({arguments}))", {"_new": tuple.__new__})
        code = _constructors[count].__code__.replace(co_varnames=("_cls", *fields), co_name="__new__")
        if sys.version_info >= (3, 11):  # what a wrong call's message names
            code = code.replace(co_qualname=f"{name}.__new__")
        return type(_constructors[count])(code, _constructors[count].__globals__, "__new__", tuple(defaults) or None)

    def _make(cls, iterable):
        record = tuple.__new__(cls, iterable)
        if len(record) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(record)}")
        return record

    _UNEXPECTED = TypeError if sys.version_info >= (3, 13) else ValueError  # what namedtuple raises there

    def _replace(self, **changes):
        # one value per field, so `_make`'s count check has nothing to find
        record = tuple.__new__(type(self), map(changes.pop, self._fields, self))
        if changes:
            raise _UNEXPECTED(f"Got unexpected field names: {list(changes)!r}")
        return record

    def _repr(self):
        shown = ", ".join(f"{field}={value!r}" for field, value in zip(self._fields, self))
        return f"{type(self).__name__}({shown})"

    def _asdict(self):
        return dict(zip(self._fields, self))

    def _getnewargs(self):
        return tuple(self)

    class _RecordType(type):
        def __new__(mcs, name, bases, namespace):
            if not bases:  # NamedTuple itself
                return super().__new__(mcs, name, bases, namespace)
            fields = tuple(namespace.get("__annotations__", {}))
            with_default = [field for field in fields if field in namespace]
            if with_default != list(fields[len(fields) - len(with_default) :]):
                raise TypeError(f"{name}: a field without a default follows one with a default")
            defaults = [namespace[field] for field in with_default]
            body = {
                "__slots__": (),
                "_fields": fields,
                "_field_defaults": dict(zip(with_default, defaults)),
                "__new__": _constructor(name, fields, defaults),
                "_make": classmethod(_make),
                "_replace": _replace,
                "__repr__": _repr,
                "_asdict": _asdict,
                "__getnewargs__": _getnewargs,
                "__match_args__": fields,
            }
            body.update((field, _tuplegetter(index, None)) for index, field in enumerate(fields))
            body.update(
                (key, value) for key, value in namespace.items() if key not in fields and key != "__annotations__"
            )
            return type(name, (tuple,), body)

    class NamedTuple(metaclass=_RecordType):
        """The base of a record class: `class Finding(NamedTuple): path: str ...` as with typing's."""
