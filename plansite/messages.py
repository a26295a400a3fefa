"""The schema's errors in words an editor can act on, each with its fix.

Used by ``source.validate`` for every error pydantic reports: no pydantic wording
("Input should be …", "input is too short"), no Python class name, and never the
whole offending value (values are quoted through ``shorten``, at most
``limits.QUOTE_CHARS`` characters).
Where YAML read a value as another type than the one the editor meant (``1.10`` as a
number), the value is quoted as it is written in the file, from its YAML node.
"""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel

from plansite import limits
from plansite.languages import LANGUAGES


def shorten(value: object, limit: int = limits.QUOTE_CHARS) -> str:
    """``value`` quoted for a message, invisible characters escaped, at most ``limit``
    characters between the quotes: a longer value is cut and ends with "…"."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    quoted = repr(text)
    if len(quoted) > limit + 2:
        # Escapes (\u200b) made it longer again.
        quoted = quoted[:limit] + "…" + quoted[-1]
    return quoted


def shorten_list(values: list[str]) -> str:
    """A list of values for a message, as Python writes one, at most ``limits.QUOTE_CHARS``
    characters long: ['a', 'b', …] when longer."""
    shown: list[str] = []
    for value in values:
        if len(", ".join([*shown, repr(value)])) > limits.QUOTE_CHARS - 3:
            return "[" + ", ".join([*shown, "…"]) + "]"
        shown.append(repr(value))
    return "[" + ", ".join(shown) + "]"


def missing_text(lang: str) -> str:
    """The message for a text missing in ``lang``."""
    return f"{LANGUAGES[lang].english} text is missing (language: {lang})"


def _written(value: object, node: yaml.Node | None) -> str:
    """A scalar as the editor wrote it (``1.10``, ``yes``), else as read."""
    if isinstance(node, yaml.ScalarNode):
        return shorten(node.value)[1:-1]
    return shorten(value)[1:-1]


def _got(value: object, node: yaml.Node | None) -> str:
    """What was found instead, for "(got …)"."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return shorten(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "keys"
    return _written(value, node)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false value"
    return "number"


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model expected at ``loc`` under ``model``, when it is one."""
    annotation: Any = model
    for key in loc:
        annotation = _unwrap(annotation)
        if isinstance(key, int) and get_origin(annotation) is list:
            annotation = get_args(annotation)[0]
        elif isinstance(key, str) and isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = next((f for name, f in annotation.model_fields.items() if (f.alias or name) == key), None)
            if field is None:
                return None
            annotation = field.annotation
        else:
            return None
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _expected_keys(model: type[BaseModel] | None) -> str:
    if model is None:
        return ""
    required = [field.alias or name for name, field in model.model_fields.items() if field.is_required()]
    # A multilingual record's texts: every language's key (models.Multilingual).
    names = list(dict.fromkeys([*required, *getattr(model, "LANGUAGE_KEYS", ())]))
    shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
    return f" ({shown})" if shown else ""


def message_for(error: dict[str, Any], model: type[BaseModel], node: yaml.Node | None) -> str:
    """Plain words for one pydantic error of ``model``; ``node`` is the YAML node at its location."""
    kind: str = error["type"]
    value = error.get("input")
    ctx: dict[str, Any] = error.get("ctx") or {}
    got = _got(value, node)
    if kind == "missing":
        last = error["loc"][-1] if error["loc"] else None
        if isinstance(last, str) and last in LANGUAGES:
            return missing_text(last)
        return "required key is missing"
    if kind == "extra_forbidden":
        return "unknown key (check its spelling)"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"the list is empty; expected at least {least} item{'s' if least != 1 else ''}"
    if kind == "string_type":
        if value is None:
            return "is empty; write the text after the colon"
        if isinstance(value, (bool, int, float)):
            written = _written(value, node)
            return f"YAML reads {written} as a {_kind(value)}, not a text; put quotes around it: '{written}'"
        return f"expected a text, not {got}"
    if kind == "string_too_short":
        return "is blank; write the text"
    if kind in ("string_too_long", "too_long") and isinstance(value, str):
        return f"is {len(value):,} characters long; at most {ctx.get('max_length'):,} are allowed here: shorten it"
    if kind == "string_pattern_mismatch":
        return f"expected an id of lower-case ASCII letters and digits joined by '-', '_' or '.' (got {got})"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if isinstance(value, str):
            return f"expected a whole number such as 2030, without quotes (got {got})"
        return f"expected a whole number such as 2030 (got {got})"
    if kind in ("float_type", "float_parsing"):
        if isinstance(value, int) and not isinstance(value, bool):
            return f"the number {got} is far too large"
        return f"{got} is not a valid number; write digits with a decimal point, e.g. 23.8 (no %, words, commas or quotes)"
    if kind == "finite_number":
        return f"{got} is not a number the plan can state; write the figure, e.g. 23.8"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false (got {got})"
    if kind == "enum":
        return f"expected one of {ctx.get('expected', '')} (got {got})"
    if kind == "list_type":
        return f"expected a list (got {got}); write [a, b] on one line, or each item on its own line starting with '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        keys = _expected_keys(_model_at(model, tuple(error["loc"])))
        return f"expected keys here{keys}, each on its own line as 'key: value' (got {got})"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be {'at least' if kind == 'greater_than_equal' else 'more than'} {ctx.get('ge', ctx.get('gt'))} (got {got})"
    if kind in ("less_than_equal", "less_than"):
        return f"must be {'at most' if kind == 'less_than_equal' else 'less than'} {ctx.get('le', ctx.get('lt'))} (got {got})"
    if kind.startswith("date"):
        return f"write the date as YYYY-MM-DD, e.g. 2024-04-23 (got {got})"
    if kind == "value_error":
        # The models' own messages, already in plain words.
        return str(error["msg"]).removeprefix("Value error, ")
    words = re.sub(r"^Input should be", "expected", str(error["msg"]))
    return f"{shorten(words, 200)[1:-1]} (got {got})"
