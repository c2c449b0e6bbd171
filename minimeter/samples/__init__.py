"""Realistic, labelled sample bills: the measuring stick for extraction (and ``minimeter demo``).

``generate(out_dir, count, seed)`` writes ``<name>.pdf`` and ``<name>.truth.json`` pairs and
returns the PDF paths. Output is byte-deterministic for a seed (fixed PDF dates, seeded
RNGs, no clock). Bills cycle through ``LAYOUTS`` (15 layouts modelled on real utilities);
one bill in ten has one planted inconsistency (its truth's ``planted`` names the broken
rule) and about 6 % are image-only (no text layer, the OCR case).

Truth format: the flat fields of ``../shared/realbills/*.truth.json`` (null where the bill
does not print the field) plus ``layout``, ``customer_name``, ``payments``, ``meters``,
``line_items``, ``planted`` and ``image_only``.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from minimeter.samples.canvas import ImageCanvas, PdfCanvas
from minimeter.samples.facts import PLANTABLE, Facts, draw_facts, plant
from minimeter.samples.labels import Labels
from minimeter.samples.layouts_intl import LAYOUT_SPECS as _INTL
from minimeter.samples.layouts_us import LAYOUT_SPECS as _US
from minimeter.samples.render import Ctx

_SPECS = {**_US, **_INTL}
LAYOUTS: list[str] = list(_SPECS)
PLANT_EVERY = 10
DEFAULT_IMAGE_ONLY_SHARE = 0.06

__all__ = ["LAYOUTS", "generate", "render_bill"]


def _num(x: Decimal | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if x == x.to_integral_value() else float(x)


def truth_of(f: Facts, ctx: Ctx, layout: str) -> dict[str, Any]:
    """The truth record for what the bill prints (hidden fields become null)."""
    p = f.profile
    gas_therms = f.gas_usage if f.gas_unit == "therms" else None
    t: dict[str, Any] = {
        "provider": p.provider,
        "account_number": f.account_number,
        "service_address": ", ".join(f.service_address),
        "statement_date": f.statement_date.isoformat(),
        "due_date": f.due_date.isoformat(),
        "billing_period_start": f.period_start.isoformat(),
        "billing_period_end": f.period_end.isoformat(),
        "total_amount_due": _num(f.total),
        "currency": p.locale.currency,
        "electricity_kwh": _num(f.electricity_kwh),
        "gas_therms": _num(gas_therms),
        "gas_usage": _num(f.gas_usage),
        "gas_usage_unit": f.gas_unit,
        "water_usage": _num(f.water_usage),
        "water_usage_unit": f.water_unit,
        "demand_kw": _num(f.demand_kw),
        "meter_number": f.meters[0].number if f.meters else None,
        "rate_plan": f.rate_plan,
        "previous_balance": _num(f.previous_balance),
        "current_charges": _num(f.current_charges),
        "notes": _notes(f),
    }
    t.update({
        "layout": layout,
        "customer_name": f.customer_name,
        "payments": _num(f.payments),
        "image_only": f.image_only,
        "planted": list(f.planted),
        "meters": [
            {"number": m.number, "commodity": m.commodity, "prior_read": _num(m.prior),
             "present_read": _num(m.present), "multiplier": _num(m.multiplier), "usage": _num(m.usage),
             "unit": m.unit}
            for m in f.meters
        ],
        "line_items": [
            {"description": i.description, "amount": _num(i.amount), "category": i.category,
             "quantity": _num(i.quantity), "unit": i.unit, "rate": _num(i.rate)}
            for i in f.items
        ],
    })
    for name in ctx.hidden:  # after the update: customer_name can be hidden too
        t[name] = None
    return t


def _notes(f: Facts) -> str:
    parts = ["Generated sample bill (synthetic data)."]
    if f.tou:
        parts.append("Time-of-use split" + ("" if f.tou_total_printed else ", total kWh not printed") + ".")
    if f.net:
        parts.append("Net metering: electricity_kwh is delivered minus received.")
    if f.previous_balance is not None and f.previous_balance - (f.payments or 0) > 0:
        parts.append("Past-due amount carried.")
    if f.total < 0:
        parts.append("Credit balance: amount due is negative.")
    if f.planted:
        parts.append(f"Planted inconsistency: {', '.join(f.planted)}.")
    return " ".join(parts)


def render_bill(layout: str, seed: int, index: int, *, planted: str | None = None,
                image_only: bool = False) -> tuple[Any, dict[str, Any]]:
    """Draw one bill; returns (canvas with a ``save(path)``, truth dict)."""
    profile, draw = _SPECS[layout]
    rng = random.Random(f"minimeter-sample:{seed}:{index}:{layout}")
    facts = draw_facts(profile, rng)
    if planted:
        plant(facts, planted, rng)
    facts.image_only = image_only
    canvas = ImageCanvas(skew=round(rng.uniform(-0.8, 0.8), 2)) if image_only else PdfCanvas()
    ctx = Ctx(facts, canvas, Labels(profile.lang, rng), rng)
    draw(ctx)
    return canvas, truth_of(facts, ctx, layout)


def generate(out_dir: Path, count: int, seed: int = 0, *, layouts: list[str] | None = None,
             with_truth: bool = True, image_only_share: float | None = None) -> list[Path]:
    """Write ``count`` bills (and their truth files) into ``out_dir``; return the PDF paths."""
    chosen = list(layouts) if layouts else LAYOUTS
    unknown = [name for name in chosen if name not in _SPECS]
    if unknown:
        raise ValueError(f"unknown layout(s) {', '.join(unknown)}; choose from {', '.join(LAYOUTS)}")
    share = DEFAULT_IMAGE_ONLY_SHARE if image_only_share is None else image_only_share
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    n_planted = 0
    for i in range(count):
        layout = chosen[i % len(chosen)]
        # One bill in PLANT_EVERY, at a seeded position inside each block so every layout gets some.
        block = random.Random(f"minimeter-plant:{seed}:{i // PLANT_EVERY}").randrange(PLANT_EVERY)
        planted = None
        if i % PLANT_EVERY == block:
            planted = PLANTABLE[n_planted % len(PLANTABLE)]
            n_planted += 1
        image_only = random.Random(f"minimeter-image:{seed}:{i}").random() < share
        canvas, truth = render_bill(layout, seed, i, planted=planted, image_only=image_only)
        name = f"{i + 1:03d}_{layout}"
        pdf = out_dir / f"{name}.pdf"
        canvas.save(pdf)
        if with_truth:
            (out_dir / f"{name}.truth.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n",
                                                        encoding="utf-8")
        paths.append(pdf)
    return paths
