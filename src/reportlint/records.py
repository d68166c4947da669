"""`NamedTuple` for reportlint's record types: typing's to mypy, built by `collections.namedtuple` when run.

The hook starts on every commit and defines about 30 record types before it reads a line. typing's
`NamedTuple` reads each field's annotation, which `from __future__ import annotations` leaves as a string,
as a forward reference it compiles: about 2 ms of the hook's start on a 2-core machine. The classes made
here are the same namedtuples (fields, defaults, `_replace`, comparison, pickling) with the class body's
docstring, methods and properties, and no annotations kept at run time, which nothing reads.
"""

from __future__ import annotations

from collections import namedtuple

__all__ = ["NamedTuple"]

TYPE_CHECKING = False  # mypy takes any name TYPE_CHECKING as true; typing itself is not imported for it
if TYPE_CHECKING:
    from typing import NamedTuple
else:

    class _RecordType(type):
        def __new__(mcs, name, bases, namespace):
            if not bases:  # NamedTuple itself
                return super().__new__(mcs, name, bases, namespace)
            fields = list(namespace.get("__annotations__", {}))
            with_default = [field for field in fields if field in namespace]
            if with_default != fields[len(fields) - len(with_default) :]:
                raise TypeError(f"{name}: a field without a default follows one with a default")
            defaults = [namespace[field] for field in with_default]
            record = namedtuple(name, fields, defaults=defaults, module=namespace["__module__"])
            for key, value in namespace.items():
                if key not in fields and key not in ("__module__", "__annotations__"):
                    setattr(record, key, value)
            return record

    class NamedTuple(metaclass=_RecordType):
        """The base of a record class: `class Finding(NamedTuple): path: str ...` as with typing's."""
