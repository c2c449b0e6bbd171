"""What a layout template holds, and its plain-TOML file format (validated on load).

A template is one TOML file per layout. It is written for people to read and share::

    id = "repsol-3f9c2a"
    provider = "Repsol"
    origin_job = 12                # the approved job that taught it
    bills_read = 3                 # bills it has read since
    fields_confirmed = 25          # template values a reviewer (or the arithmetic) kept
    fields_corrected = 1           # template values a reviewer changed

    [fingerprint]                  # the fixed words and boxes every bill of the layout prints
    words = ["1|120|88|total factura", ...]   # page|x|y|word (points from the top-left)
    boxes = ["1|120|88|A", ...]               # page|x|y|shape class: A letters, 9 a figure

    [fields.total_amount_due]      # one anchor per approved field
    fmt = "money"                  # money, number, date, id, text or const
    page = 1
    label = "TOTAL FACTURA"        # the fixed text it sits beside ("" for none)
    relation = "right"             # right (same row), below (under the label), none (position only),
                                   # row_sum (the figures of the label's row add up to it), after (the
                                   # next date after the field named by `after`: a period printed as one range)
    label_box = [300.0, 120.0, 380.0, 128.0]
    value_box = [420.0, 120.0, 460.0, 128.0]
    variant = "eu"                 # number format or date order it was printed in

``load(path)`` raises ``TemplateError`` (one line naming the file and what is wrong) for anything
that does not validate: an unknown field, an unknown format or relation, a box that is not four
numbers. Unknown keys are errors too, so a typo is never silently ignored.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from minimeter.errors import MinimeterError
from minimeter.schema import BillNormalized

Fmt = Literal["money", "number", "date", "id", "text", "const"]
Relation = Literal["right", "below", "none", "row_sum", "after"]
MAX_FAILURES = 3
"""Consecutive bills on which a template was set aside before it is retired (``active = false``)."""


class TemplateError(MinimeterError):
    """A template file cannot be used."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Anchor(_Strict):
    fmt: Fmt
    page: int = Field(default=1, ge=1)
    label: str = ""
    relation: Relation = "none"
    label_box: list[float] = Field(default_factory=list)
    value_box: list[float] = Field(default_factory=list)
    variant: str = ""
    shape: str = ""
    """Shape of the printed value (digits 9, letters A) for identifiers."""
    lines: int = Field(default=1, ge=1, le=24)
    """Text fields: how many rows of one column the value spans (an address); ``row_sum``: how many figures
    the row holds (a total printed only as its parts: time-of-use periods)."""
    more_rows: list[int] = Field(default_factory=list)
    """Text fields printed as parts in one column with other rows between: the rows below the first part where
    the next parts are (an address whose township is printed under a stand number)."""
    value: str = ""
    """``const`` fields (provider, currency): the value itself."""
    printed: bool = False
    """``const`` fields: the value was printed on the approved bill (a bill of the layout that does not print
    it is another utility's: one layout, several utilities)."""
    after: str = ""
    """``after`` relation: the field whose value this one follows (the period's start for its end)."""
    gap: int = Field(default=0, ge=0, le=3)
    """``after`` relation: rows below the value it follows (0: on the same row, right of it)."""
    confirmed: int = Field(default=0, ge=0)
    """Later bills on which this anchor read the value a reviewer approved (reset when it is re-learned)."""

    @field_validator("label_box", "value_box")
    @classmethod
    def _box(cls, v: list[float]) -> list[float]:
        if v and (len(v) != 4 or not all(math.isfinite(x) for x in v)):
            raise ValueError("a box is four numbers: x0, top, x1, bottom")
        return v

    @field_validator("more_rows")
    @classmethod
    def _more_rows(cls, v: list[int]) -> list[int]:
        if any(not 1 <= r <= 24 for r in v) or v != sorted(set(v)):
            raise ValueError("more_rows are rows below the first part, increasing, 1 to 24")
        return v

    @field_validator("after")
    @classmethod
    def _after(cls, v: str) -> str:
        if v and v not in BillNormalized.scalar_fields():
            raise ValueError(f"unknown field {v!r}")
        return v

    @model_validator(mode="after")
    def _relation(self) -> Anchor:
        if self.relation == "after" and not self.after:
            raise ValueError("relation 'after' needs the field it follows (after = ...)")
        return self

    @field_validator("variant")
    @classmethod
    def _variant(cls, v: str) -> str:
        if v not in ("", "us", "eu", "MDY", "DMY", "YMD"):
            raise ValueError("variant is a number format (us, eu) or a date order (MDY, DMY, YMD)")
        return v


class Fingerprint(_Strict):
    pages: int = Field(default=1, ge=1)
    words: list[str] = Field(default_factory=list)
    boxes: list[str] = Field(default_factory=list)

    @field_validator("words", "boxes")
    @classmethod
    def _items(cls, v: list[str]) -> list[str]:
        for item in v:
            if not re.fullmatch(r"\d+\|-?\d+\|-?\d+\|.+", item):
                raise ValueError(f"{item!r} is not page|x|y|text")
        return v


class Template(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    provider: str | None = None
    provider_id: str | None = None
    active: bool = True
    """False once it was set aside on ``MAX_FAILURES`` bills in a row (the layout changed)."""
    origin_job: int | None = None
    origin_file: str = ""
    origin_sha256: str = ""
    created_at: str = ""
    updated_at: str = ""
    bills_read: int = Field(default=0, ge=0)
    fields_confirmed: int = Field(default=0, ge=0)
    fields_corrected: int = Field(default=0, ge=0)
    failures: int = Field(default=0, ge=0)
    """Bills in a row on which it was set aside (reset by a bill it read well)."""
    note: str = ""
    unread: list[str] = Field(default_factory=list)
    """Fields a reviewer corrected that the template cannot read (the approved value is not printed as one
    figure: a demand in W billed in kW): the generic reading of them is left out on this layout."""
    cycle_days: int = Field(default=0, ge=0, le=400)
    """Days of the approved bill's billing period: the layout's billing cycle (0: unknown)."""
    fingerprint: Fingerprint = Field(default_factory=Fingerprint)
    fields: dict[str, Anchor] = Field(default_factory=dict)

    @field_validator("unread")
    @classmethod
    def _known_unread(cls, v: list[str]) -> list[str]:
        bad = sorted(set(v) - set(BillNormalized.scalar_fields()))
        if bad:
            raise ValueError(f"unknown field(s) {', '.join(bad)}")
        return v

    @field_validator("fields")
    @classmethod
    def _known(cls, v: dict[str, Anchor]) -> dict[str, Anchor]:
        known = set(BillNormalized.scalar_fields())
        bad = sorted(set(v) - known)
        if bad:
            raise ValueError(f"unknown field(s) {', '.join(bad)}")
        return v

    def summary(self) -> str:
        return (f"{self.id}: {self.provider or 'unknown provider'}, {len(self.fields)} fields, read {self.bills_read} "
                f"bill(s), {self.fields_confirmed} confirmed / {self.fields_corrected} corrected"
                + ("" if self.active else ", set aside"))


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- TOML ---------------------------------------------------------------------------------------
_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}

def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(round(v, 2))
    if isinstance(v, str):
        return '"' + "".join(_ESC.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 32 or ord(c) == 127 else c)
                             for c in v) + '"'
    if isinstance(v, list):
        if len(v) > 6:
            return "[\n" + "".join(f"  {_toml_value(x)},\n" for x in v) + "]"
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def dumps(t: Template) -> str:
    data = t.model_dump(mode="python", exclude_none=True)
    lines = [f"# MiniMeter layout template: {t.provider or 'unknown provider'}",
             "# Learned from an approved bill; safe to edit, share and import (`minimeter templates import`).", ""]
    for k, v in data.items():
        if k not in ("fingerprint", "fields"):
            lines.append(f"{k} = {_toml_value(v)}")
    lines += ["", "[fingerprint]"]
    for k, v in data["fingerprint"].items():
        lines.append(f"{k} = {_toml_value(v)}")
    for name, anchor in data["fields"].items():
        lines += ["", f"[fields.{name}]"]
        for k, v in anchor.items():
            default = Anchor.model_fields[k].default
            if k == "fmt" or v != default and v != []:
                lines.append(f"{k} = {_toml_value(v)}")
    return "\n".join(lines) + "\n"


def loads(text: str, where: str) -> Template:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{where} is not valid TOML: {exc}", hint="fix the file or remove it") from exc
    try:
        return Template.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        raise TemplateError(f"{where}: {loc}: {first['msg']}", hint="fix the file or remove it") from exc


def load(path: Path) -> Template:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"cannot read template {path.name}: {exc}", hint="check the file") from exc
    return loads(text, path.name)


def save(t: Template, path: Path) -> None:
    """Write atomically (a temporary file renamed over the old one): a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(dumps(t), encoding="utf-8")
    tmp.replace(path)
