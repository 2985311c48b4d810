"""Errors a user can act on: each names what was wrong and what is allowed."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class UnknownTableError(KeyError):
    """Raised for a table name that is not in the package; suggests the close names.

    Example:
        >>> known = ["goods_trade_annual", "sources"]
        >>> print(UnknownTableError.for_name("goods_trade_anual", known))  # doctest: +ELLIPSIS
        unknown table 'goods_trade_anual'. Did you mean 'goods_trade_annual'? Tables: ...
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    @classmethod
    def for_name(cls, name: object, known: Iterable[str]) -> UnknownTableError:
        known = list(known)
        close = difflib.get_close_matches(str(name).lower(), known, n=3, cutoff=0.6)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        return cls(f"unknown table {name!r}.{hint} Tables: {', '.join(known)}")


class FilterError(ValueError):
    """Raised for a filter value an accessor cannot take; names the allowed values."""

    @classmethod
    def not_allowed(cls, argument: str, value: object, allowed: Iterable[object]) -> FilterError:
        allowed_text = ", ".join(repr(a) for a in allowed)
        scalar = isinstance(value, str | int | float | type(None))
        shown = f"{argument}={value!r}" if scalar else f"{argument} (a {type(value).__name__})"
        return cls(f"{shown} is not allowed; use one of: {allowed_text}")


class UsageError(ValueError):
    """Raised for a call that cannot be carried out as asked (a package root that does not
    exist, an option that does not apply); the CLI exits 2."""


class IntegrityError(RuntimeError):
    """Raised when a data file differs from the hash or size recorded in datapackage.json."""


class BuildError(RuntimeError):
    """Raised when a rebuild cannot produce valid tables; nothing has been written."""


class StaleVintageWarning(UserWarning):
    """Warned when ``as_of`` asks for a day on which the publisher had released figures newer
    than any release the package holds from before that day: the answer is the package's
    nearest earlier release, not the one in force (both are named)."""


def check_choice(argument: str, value: object, allowed: Iterable[object]) -> None:
    """Raise :class:`FilterError` unless ``value`` is one of ``allowed``.

    Example:
        >>> check_choice("flow", "export", ["export", "import"])
        >>> check_choice("flow", "exports", ["export", "import"])
        Traceback (most recent call last):
        ...
        korus_data.errors.FilterError: flow='exports' is not allowed; use one of: 'export', 'import'
    """
    allowed = list(allowed)
    scalar = isinstance(value, str | int | float) and not isinstance(value, bool)
    if not scalar or value not in allowed:
        raise FilterError.not_allowed(argument, value, allowed)
