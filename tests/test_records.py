"""Record types made by reportlint.records behave as typing.NamedTuple's: the same namedtuple, made cheaper."""

from __future__ import annotations

import pickle
import sys
import typing

import pytest

from reportlint.records import NamedTuple


class Point(NamedTuple):
    """A point, with a default and a property."""

    x: int
    y: int = 0
    label: str = ""

    @property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)

    def moved(self, by: int) -> Point:
        return self._replace(x=self.x + by)


class TypingPoint(typing.NamedTuple):
    """A point, with a default and a property."""

    x: int
    y: int = 0
    label: str = ""


def test_fields_defaults_and_order_are_typings() -> None:
    assert Point._fields == TypingPoint._fields
    assert Point._field_defaults == TypingPoint._field_defaults
    assert tuple(Point(1)) == tuple(TypingPoint(1)) == (1, 0, "")
    assert sorted([Point(2), Point(1, 5)]) == [(1, 5, ""), (2, 0, "")]


def test_class_body_keeps_docstring_methods_and_properties() -> None:
    point = Point(3, -4)
    assert Point.__doc__ == TypingPoint.__doc__
    assert (point.norm, point.moved(1)) == (7, Point(4, -4))
    assert repr(point) == "Point(x=3, y=-4, label='')"


def test_records_pickle_as_themselves() -> None:
    point = Point(1, 2, "a")
    again = pickle.loads(pickle.dumps(point))
    assert (type(again), again) == (Point, point)


def test_make_replace_and_asdict_are_typings() -> None:
    assert tuple(Point._make([1, 2, "a"])) == tuple(TypingPoint._make([1, 2, "a"])) == (1, 2, "a")
    assert tuple(Point(1)._replace(label="b")) == tuple(TypingPoint(1)._replace(label="b")) == (1, 0, "b")
    assert Point(1, 2)._asdict() == TypingPoint(1, 2)._asdict() == {"x": 1, "y": 2, "label": ""}


def test_wrong_fields_are_refused_as_typing_refuses_them() -> None:
    unexpected = TypeError if sys.version_info >= (3, 13) else ValueError  # namedtuple's, which changed in 3.13
    record: type[Point] | type[TypingPoint]
    for record in (Point, TypingPoint):
        with pytest.raises(TypeError, match="Expected 3 arguments, got 2"):
            record._make([1, 2])
        with pytest.raises(unexpected, match="unexpected field names: \\['z'\\]"):
            record(1)._replace(z=3)  # type: ignore[call-arg]
        with pytest.raises(TypeError, match="unexpected keyword argument 'z'"):
            record(1, z=3)  # type: ignore[call-arg]
        with pytest.raises(TypeError, match="missing 1 required positional argument: 'x'"):
            record()  # type: ignore[call-arg]


def test_a_field_without_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="without a default follows"):

        class Wrong(NamedTuple):
            a: int = 0
            b: int  # type: ignore[misc]  # what mypy refuses too
