"""Bills of a fictional utility in two layouts, drawn with fpdf2 and read by the real reader.

Layout ``rows``: one label/value row per field down the page (labels in English or, with
``lang="es"``, in Spanish on the same boxes). Layout ``summary``: the same utility, the same
header, but the figures in a table under column headers at the bottom of the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF

PROVIDER = "Northwind Power & Light Company"

LABELS = {
    "en": {"account": "Account Number", "statement": "Statement Date", "period": "Service Period",
           "previous": "Previous Balance", "payments": "Payments Received", "current": "Current Charges",
           "total": "Total Amount Due", "due": "Pay By", "usage": "Electricity Used"},
    "es": {"account": "Numero de Contrato", "statement": "Fecha de Factura", "period": "Periodo Facturado",
           "previous": "Saldo Anterior", "payments": "Pagos Recibidos", "current": "Cargos del Periodo",
           "total": "Total a Pagar", "due": "Fecha de Cargo", "usage": "Consumo Electrico"},
}


@dataclass
class Facts:
    account: str = "4471-20931"
    customer: str = "Dana Whitfield"
    street: str = "118 Orchard Lane"
    city: str = "Millbrook, OR 97111"
    statement: dt.date = dt.date(2025, 3, 4)
    start: dt.date = dt.date(2025, 2, 1)
    end: dt.date = dt.date(2025, 2, 28)
    due: dt.date = dt.date(2025, 3, 25)
    previous: Decimal = Decimal("84.10")
    payments: Decimal = Decimal("84.10")
    current: Decimal = Decimal("1234.56")
    kwh: int = 812
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return self.previous - self.payments + self.current


def _money(x: Decimal) -> str:
    return f"${x:,.2f}"


def _date(d: dt.date) -> str:
    return d.strftime("%m/%d/%Y")


def draw(path: Path, f: Facts, *, layout: str = "rows", lang: str = "en") -> Path:
    L = LABELS[lang]
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.text(40, 50, PROVIDER)
    pdf.set_font("Helvetica", size=9)
    pdf.text(40, 64, "PO Box 4400, Millbrook, OR 97110  -  northwind-power.example")
    pdf.text(40, 100, f.customer)
    pdf.text(40, 112, f.street)
    pdf.text(40, 124, f.city)
    if layout == "rows":
        rows = [(L["account"], f.account), (L["statement"], _date(f.statement)),
                (L["period"], f"{_date(f.start)} - {_date(f.end)}"), (L["previous"], _money(f.previous)),
                (L["payments"], "-" + _money(f.payments)), (L["current"], _money(f.current)),
                (L["total"], _money(f.total)), (L["due"], _date(f.due)), (L["usage"], f"{f.kwh:,} kWh")]
        y = 170.0
        for label, value in rows:
            pdf.text(60, y, label)
            pdf.text(330, y, value)
            y += 18
        pdf.text(60, y + 30, "Thank you for being a Northwind customer. Questions? Call 1-800-555-0199.")
    else:
        pdf.text(330, 100, f"{L['statement']}: {_date(f.statement)}")
        pdf.text(40, 200, "Your usage this period was " + f"{f.kwh:,} kWh" + ". Compare with last year below.")
        heads = [L["account"], L["period"], L["previous"], L["current"], L["total"], L["due"]]
        vals = [f.account, f"{_date(f.start)} - {_date(f.end)}", _money(f.previous), _money(f.current),
                _money(f.total), _date(f.due)]
        xs = [40, 120, 250, 330, 410, 490]
        pdf.set_font("Helvetica", "B", 8)
        for x, h in zip(xs, heads, strict=True):
            pdf.text(x, 600, h)
        pdf.set_font("Helvetica", size=8)
        for x, v in zip(xs, vals, strict=True):
            pdf.text(x, 614, v)
        pdf.text(40, 650, f"{L['payments']} {_money(f.payments)} - thank you.")
    for k, v in f.extra.items():
        pdf.text(40, 720, f"{k} {v}")
    pdf.output(str(path))
    return path


def other(n: int) -> Facts:
    """Another month and another customer of the same utility (different values everywhere)."""
    base = dt.date(2025, 3 + n, 1)
    end = dt.date(base.year, base.month, 28)
    return Facts(account=f"{5500 + 37 * n}-{71234 + 911 * n}", customer=["Omar Reyes", "Lena Fischer",
                 "Priya Natarajan", "Tom Okafor"][n % 4], street=f"{20 + 7 * n} Birch Road",
                 city="Millbrook, OR 97112", statement=dt.date(base.year, base.month + 1, 3) if base.month < 12
                 else dt.date(base.year + 1, 1, 3), start=base, end=end,
                 due=dt.date(base.year, base.month + 1, 24) if base.month < 12 else dt.date(base.year + 1, 1, 24),
                 previous=Decimal("210.00") + n, payments=Decimal("160.00") + n,
                 current=Decimal("97.35") + Decimal(13 * n), kwh=640 + 45 * n)
