"""The normalized bill every stage shares, and the evidence that comes with it.

``BillNormalized`` is the contract between extraction, validation, the store, review,
sync and reports. Field names follow ../shared/FIELDS.md (UtilityAPI / Arcadia / Green
Button equivalents are documented in README.md). Money and quantities are ``Decimal``:
a bill's arithmetic must hold to the cent, which floats cannot promise.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

# Fields a reviewer and the scorer treat as scalar (everything but meters and line items).
MONEY_FIELDS = ("total_amount_due", "current_charges", "previous_balance", "payments")
QUANTITY_FIELDS = ("electricity_kwh", "gas_therms", "gas_usage", "water_usage", "demand_kw")
DATE_FIELDS = ("statement_date", "due_date", "billing_period_start", "billing_period_end")
ID_FIELDS = ("account_number", "meter_number")
TEXT_FIELDS = (
    "provider",
    "provider_id",
    "customer_name",
    "service_address",
    "currency",
    "rate_plan",
    "gas_usage_unit",
    "water_usage_unit",
)


class Commodity(StrEnum):
    ELECTRICITY = "electricity"
    GAS = "gas"
    WATER = "water"
    OTHER = "other"


class LineItemCategory(StrEnum):
    """Arcadia's categories, plus DEMAND for kW charges."""

    SUPPLY = "supply"
    DELIVERY = "delivery"
    DEMAND = "demand"
    TAX = "tax"
    FEE = "fee"
    CREDIT = "credit"
    OTHER = "other"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Meter(_Model):
    number: str | None = Field(default=None, max_length=64)
    commodity: Commodity | None = None
    prior_read: Decimal | None = None
    present_read: Decimal | None = None
    multiplier: Decimal | None = None
    """Meter constant or pressure/therm factor; usage = (present - prior) x multiplier."""
    usage: Decimal | None = None
    unit: str | None = Field(default=None, max_length=16)
    """kWh, kW, therms, CCF, HCF, m3, gallons..."""


class LineItem(_Model):
    description: str = Field(max_length=200)
    amount: Decimal
    category: LineItemCategory = LineItemCategory.OTHER
    quantity: Decimal | None = None
    unit: str | None = Field(default=None, max_length=16)
    rate: Decimal | None = None


class BillNormalized(_Model):
    """One bill, normalized. ``None`` means "the bill does not show it" (or nobody found it)."""

    provider: str | None = Field(default=None, max_length=120)
    provider_id: str | None = Field(default=None, max_length=64)
    """Id of the provider profile that matched (``pge``, ``coned``...), or None for unknown."""
    account_number: str | None = Field(default=None, max_length=64)
    customer_name: str | None = Field(default=None, max_length=120)
    service_address: str | None = Field(default=None, max_length=200)
    statement_date: dt.date | None = None
    due_date: dt.date | None = None
    billing_period_start: dt.date | None = None
    billing_period_end: dt.date | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    """ISO 4217."""
    total_amount_due: Decimal | None = None
    current_charges: Decimal | None = None
    previous_balance: Decimal | None = None
    payments: Decimal | None = None
    """Payments and credits received since the last bill, as a positive number."""
    electricity_kwh: Decimal | None = None
    gas_therms: Decimal | None = None
    gas_usage: Decimal | None = None
    """Gas in the unit the bill bills it in (therms, CCF, m3), see ``gas_usage_unit``."""
    gas_usage_unit: str | None = Field(default=None, max_length=16)
    water_usage: Decimal | None = None
    water_usage_unit: str | None = Field(default=None, max_length=32)
    demand_kw: Decimal | None = None
    meter_number: str | None = Field(default=None, max_length=64)
    rate_plan: str | None = Field(default=None, max_length=120)
    meters: list[Meter] = Field(default_factory=list)
    line_items: list[LineItem] = Field(default_factory=list)

    @field_validator("currency", mode="before")
    @classmethod
    def _upper_currency(cls, v: Any) -> Any:
        return v.strip().upper() if isinstance(v, str) else v

    @classmethod
    def scalar_fields(cls) -> list[str]:
        return [n for n in cls.model_fields if n not in ("meters", "line_items")]


FieldSource = Literal["rules", "profile", "model", "derived", "human", "template"]


class Span(_Model):
    """Where a value was read: page (1-based) and character offsets into that page's text."""

    page: int
    start: int
    end: int
    text: str = Field(max_length=500)
    layout: bool = False
    """True when offsets refer to the page's layout-mode text rather than its plain text."""
    box: tuple[float, float, float, float] | None = None
    """x0, top, x1, bottom in points on the displayed page (top-left origin), when the reader
    had word boxes (``minimeter.readers.geometry.span_box``)."""


class FieldEvidence(_Model):
    value: Any = None
    confidence: float = Field(ge=0.0, le=1.0)
    source: FieldSource
    span: Span | None = None
    grounded: bool = True
    """False when the value does not occur in the bill's text (after normalization)."""
    note: str | None = None
    contested: bool = False
    """Another printed reading of the field disagrees and the extractor could not rule it out (a strongly
    labelled usage beside the reads' difference, charges billed on another quantity): a check confirming
    this value does not settle that doubt, so its confidence stays as low as the extractor set it."""


class CheckResult(_Model):
    """One validation rule's outcome. ``passed is None``: not applicable (missing inputs)."""

    rule: str
    passed: bool | None
    message: str
    fields: list[str] = Field(default_factory=list)


Decision = Literal["SUCCEEDED", "NEEDS_REVIEW"]


class ExtractionResult(_Model):
    """What the pipeline produces for one document; stored as one bill version."""

    bill: BillNormalized
    evidence: dict[str, FieldEvidence] = Field(default_factory=dict)
    checks: list[CheckResult] = Field(default_factory=list)
    status: Decision = "NEEDS_REVIEW"
    issues: list[str] = Field(default_factory=list)
    """Human-readable reasons for review, one line each (failed rules, low confidence...)."""
    abandoned: list[str] = Field(default_factory=list)
    """What the extractor could not compute, one line each (a step stopped by a figure no arithmetic can
    take); validation turns each into an issue, so the bill waits for a person."""
    extractor: str
    model_sha256: str | None = None
    prompt_version: str | None = None
    tokens_prompt: int = 0
    tokens_completion: int = 0
    timings: dict[str, float] = Field(default_factory=dict)
    """Seconds per stage: read, detect, rules, model_prompt, model_generate, validate..."""
