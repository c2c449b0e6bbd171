"""Drawing blocks shared by the layouts: headers, label/value rows, grids, tables, history.

``Ctx`` bundles one bill's facts, canvas, wording and formatting choices. Blocks take a
position and return the ``y`` below what they drew. The ``mode`` of ``kv`` decides how the
text layer reads: ``inline`` (label and value on one line), ``colon`` ("Label: value"),
``split`` (all labels first, then all values: far apart in the text, as in two-column bills).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from minimeter.samples import fmt
from minimeter.samples.canvas import PAGE_W, Canvas
from minimeter.samples.facts import Facts
from minimeter.samples.labels import Labels


class Ctx:
    def __init__(self, facts: Facts, canvas: Canvas, labels: Labels, rng: random.Random) -> None:
        self.f = facts
        self.c = canvas
        self.L = labels
        self.rng = rng
        self.loc = facts.profile.locale
        self.date_style = rng.choice(self.loc.date_styles)
        self.credit_style = rng.choice(self.loc.credit_styles)
        self.hidden: set[str] = set()
        """Truth fields this bill does not print (their truth becomes null)."""

    def hide(self, *fields: str) -> None:
        self.hidden.update(fields)

    def m(self, x: Decimal, symbol: bool = True) -> str:
        return fmt.money(x, self.loc, symbol=symbol, credit=self.credit_style)

    def d(self, d: dt.date, year: bool = True, style: str | None = None) -> str:
        return fmt.date(d, style or self.date_style, year=year)

    def q(self, x: Decimal | int | None) -> str:
        return "-" if x is None else fmt.quantity(x, self.loc)

    def period(self, year: bool = True) -> str:
        f = self.f
        a, b = self.d(f.period_start, year), self.d(f.period_end, year)
        lang = f.profile.lang
        if lang == "fr":
            return f"du {a} au {b}"
        if lang == "de":
            return f"{a} - {b}"
        return self.rng.choice([f"{a} - {b}", f"{a} to {b}", f"{a} through {b}"])

    def days(self) -> int:
        return abs((self.f.period_end - self.f.period_start).days)


def header(ctx: Ctx, title: str, lines: list[str], *, y: float = 12, fill: int | None = 40,
           family: str = "sans", size: float = 18) -> float:
    c = ctx.c
    if fill is not None:
        c.rect(0, y - 8, PAGE_W, 14, fill=fill, stroke=False)
        c.gray(255)
    c.font(family, size, True)
    c.text(12, y + 2, title)
    c.gray(0)
    c.font(family, 7.5)
    for i, line in enumerate(lines):
        c.text(PAGE_W - 12, y - 4 + 4 * i if fill is None else y + 10 + 3.6 * i, line, align="R")
    return y + 10 + 3.6 * max(1, len(lines)) + 2


def kv(ctx: Ctx, x: float, y: float, rows: list[tuple[str, str]], w: float, *, mode: str = "inline",
       size: float = 9, lead: float = 5.0, bold_last: bool = False) -> float:
    c = ctx.c
    if mode == "split":
        for i, (label, _) in enumerate(rows):
            c.font("sans", size, bold_last and i == len(rows) - 1)
            c.text(x, y + i * lead, label)
        for i, (_, value) in enumerate(rows):
            c.font("sans", size, bold_last and i == len(rows) - 1)
            c.text(x + w, y + i * lead, value, align="R")
    else:
        for i, (label, value) in enumerate(rows):
            c.font("sans", size, bold_last and i == len(rows) - 1)
            if mode == "colon":
                c.text(x, y + i * lead, f"{label}: {value}")
            else:
                c.text(x, y + i * lead, label)
                c.text(x + w, y + i * lead, value, align="R")
    return y + len(rows) * lead


def grid(ctx: Ctx, x: float, y: float, cols: list[tuple[str, str]], w: float, *, size: float = 8,
         box: bool = True) -> float:
    """A row of headers over a row of values (header text first in the text layer)."""
    c = ctx.c
    cw = w / max(1, len(cols))
    if box:
        c.rect(x, y - 4, w, 12, fill=230, stroke=True)
    c.font("sans", size - 1, True)
    for i, (h, _) in enumerate(cols):
        c.text(x + i * cw + 2, y, h.upper())
    c.font("sans", size + 1)
    for i, (_, v) in enumerate(cols):
        c.text(x + i * cw + 2, y + 5.5, v)
    return y + 12


def table(ctx: Ctx, x: float, y: float, headers: list[str], rows: list[list[str]], widths: list[float], *,
          size: float = 7.5, lead: float = 4.2, rule: bool = True) -> float:
    c = ctx.c
    c.font("sans", size, True)
    pos = [x]
    for wd in widths[:-1]:
        pos.append(pos[-1] + wd)
    for i, h in enumerate(headers):
        _cell(c, pos[i], widths[i], y, h, i)
    if rule:
        c.line(x, y + 1.2, x + sum(widths), y + 1.2)
    c.font("sans", size)
    for r, row in enumerate(rows):
        for i, v in enumerate(row):
            _cell(c, pos[i], widths[i], y + (r + 1) * lead, v, i)
    return y + (len(rows) + 1) * lead + 1


def _cell(c: Canvas, x: float, w: float, y: float, s: str, i: int) -> None:
    if i == 0:
        c.text(x, y, s)
    else:
        c.text(x + w - 1, y, s, align="R")


def lines(ctx: Ctx, x: float, y: float, items: list[str], *, size: float = 8, bold_first: bool = False,
          lead: float = 3.8) -> float:
    c = ctx.c
    for i, s in enumerate(items):
        c.font("sans", size, bold_first and i == 0)
        c.text(x, y + i * lead, s)
    return y + len(items) * lead


def paragraph(ctx: Ctx, x: float, y: float, text: str, w: float, *, size: float = 7, lead: float = 3.3) -> float:
    c = ctx.c
    c.font("sans", size)
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if c.width(trial) > w and line:
            c.text(x, y, line)
            y += lead
            line = word
        else:
            line = trial
    if line:
        c.text(x, y, line)
        y += lead
    return y


def history(ctx: Ctx, x: float, y: float, w: float, unit: str, *, bars: bool = True) -> float:
    """13 months of usage: the classic distractor (last month, same month last year)."""
    c = ctx.c
    hist = list(reversed(ctx.f.history))
    c.font("sans", 7.5, True)
    c.text(x, y, {"fr": f"Historique de consommation ({unit})", "de": f"Verbrauchshistorie ({unit})"}.get(
        ctx.f.profile.lang, f"Usage History ({unit})"))
    y += 3
    top = max(v for _, v in hist) or 1
    bw = w / len(hist)
    if bars:
        for i, (_, v) in enumerate(hist):
            h = 18 * v / top
            c.rect(x + i * bw + 1, y + 18 - h, bw - 2, h, fill=150 if i < len(hist) - 1 else 60, stroke=False)
        y += 21
    c.font("sans", 6)
    months = fmt.EN_MONTHS if ctx.f.profile.lang == "en" else (
        fmt.FR_MONTHS if ctx.f.profile.lang == "fr" else fmt.DE_MONTHS)
    for i, (d, v) in enumerate(hist):
        c.text(x + i * bw + bw / 2, y, f"{months[d.month - 1][:3]} {d.year % 100:02d}", align="C")
        c.text(x + i * bw + bw / 2, y + 3, ctx.q(v), align="C")
    return y + 7


def compare(ctx: Ctx, x: float, y: float, unit: str) -> float:
    f, L = ctx.f, ctx.L
    rows = [(L("last_month"), f"{ctx.q(f.history[1][1])} {unit}"),
            (L("last_year"), f"{ctx.q(f.history[12][1])} {unit}")]
    return kv(ctx, x, y, rows, 70, size=7.5, lead=4)


def balance_rows(ctx: Ctx, *, with_total: bool = True) -> list[tuple[str, str]]:
    f, L = ctx.f, ctx.L
    rows: list[tuple[str, str]] = []
    if f.previous_balance is not None:
        rows.append((L("previous_balance"), ctx.m(f.previous_balance)))
        rows.append((L("payments"), ctx.m(-f.payments) if f.payments else ctx.m(Decimal("0.00"))))
        past = f.previous_balance - (f.payments or 0)
        if past > 0 and ctx.rng.random() < 0.7:
            rows.append((L("past_due"), ctx.m(past)))
        elif past < 0 and ctx.rng.random() < 0.5:
            rows.append((L("credit_balance"), ctx.m(past)))
    else:
        ctx.hide("previous_balance")
    rows.append((L("current_charges"), ctx.m(f.current_charges)))
    if with_total:
        rows.append((L("amount_due"), ctx.m(f.total)))
    return rows


def meter_table(ctx: Ctx, x: float, y: float, w: float) -> float:
    f, L = ctx.f, ctx.L
    usage, unit = {"fr": ("Consommation", "Unité"), "de": ("Verbrauch", "Einheit")}.get(
        f.profile.lang, ("Usage", "Unit"))
    heads = [L("meter"), L("prior_read"), L("present_read"), L("multiplier"), usage, unit]
    rows = []
    for m in f.meters:
        mult = ctx.q(m.multiplier)
        rows.append([m.number, ctx.q(m.prior), ctx.q(m.present) + (" E" if m.estimated else ""), mult,
                     ctx.q(m.usage), m.unit])
    widths = [w * 0.24, w * 0.16, w * 0.17, w * 0.13, w * 0.17, w * 0.13]
    return table(ctx, x, y, heads, rows, widths)


_SECTIONS = {
    "en": {"electric": "Electric", "gas": "Gas", "water": "Water & Sewer", "tax": "Taxes", "credit": "Credits"},
    "fr": {"electric": "Électricité", "gas": "Gaz", "water": "Eau", "tax": "Taxes", "credit": "Crédits"},
    "de": {"electric": "Strom", "gas": "Erdgas", "water": "Wasser", "tax": "Steuern", "credit": "Gutschriften"},
}


def items_table(ctx: Ctx, x: float, y: float, w: float, *, detail: bool = True, sections: bool = False) -> float:
    f = ctx.f
    rows: list[list[str]] = []
    last = None
    for it in f.items:
        if sections and it.section != last:
            rows.append([_SECTIONS.get(f.profile.lang, _SECTIONS["en"])[it.section], "", ""])
            last = it.section
        qty = ""
        if detail and it.quantity is not None and it.rate is not None:
            qty = f"{ctx.q(it.quantity)} {it.unit} x {fmt.number(it.rate, ctx.loc, 5 if it.rate < 1 else 2)}"
        rows.append([it.description, qty, ctx.m(it.amount, symbol=False)])
    head = {"fr": ["Désignation", "Quantité x prix", "Montant"], "de": ["Position", "Menge x Preis", "Betrag"]}
    end = table(ctx, x, y, head.get(f.profile.lang, ["Description", "Quantity x Rate", "Amount"]), rows,
                [w * 0.5, w * 0.32, w * 0.18])
    ctx.c.font("sans", 8, True)
    ctx.c.text(x, end + 2, ctx.L("current_charges"))
    ctx.c.text(x + w - 1, end + 2, ctx.m(f.current_charges), align="R")
    return end + 7


def stub(ctx: Ctx, y: float, remit: list[str]) -> float:
    """The tear-off remittance stub: amount due and account again, plus 'Amount enclosed'."""
    c, f, L = ctx.c, ctx.f, ctx.L
    for xx in range(8, int(PAGE_W) - 8, 4):
        c.line(xx, y, xx + 2, y)
    y += 6
    c.font("sans", 7)
    c.text(10, y, "Please return this portion with your payment." if f.profile.lang == "en" else
           {"fr": "Bulletin de versement", "de": "Zahlschein"}[f.profile.lang])
    y = grid(ctx, 10, y + 6, [(L("account"), f.account_number), (L("due_date"), ctx.d(f.due_date)),
                              (L("amount_due"), ctx.m(f.total)), ("Amount Enclosed", "")], PAGE_W - 20)
    lines(ctx, 120, y + 4, remit, size=8)
    return lines(ctx, 12, y + 4, [f.customer_name, *f.mailing_address], size=8)


def late_notice(ctx: Ctx, x: float, y: float) -> float:
    """'Amount due after <due>: <total + late fee>': a second, larger amount-due distractor."""
    f = ctx.f
    if f.total <= 0 or ctx.rng.random() < 0.4:
        return y
    fee = fmt.q2(max(Decimal("5.00"), f.total * Decimal("0.015")))
    ctx.c.font("sans", 7.5)
    ctx.c.text(x, y, f"Amount due if paid after {ctx.d(f.due_date)}: {ctx.m(f.total + fee)} "
                     f"(includes late payment charge of {ctx.m(fee)})")
    return y + 4
