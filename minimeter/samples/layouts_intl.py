"""UK, Swiss, German and French layouts: other currencies, number formats, dates and languages."""

from __future__ import annotations

from minimeter.samples import render as r
from minimeter.samples.canvas import PAGE_W
from minimeter.samples.facts import Place, Profile
from minimeter.samples.fmt import CH, DE, FR, UK
from minimeter.samples.render import Ctx

GB = (Place("Leeds", "", "LS9 9AA"), Place("Bristol", "", "BS9 9AA"), Place("Norwich", "", "NR9 9AA"))
SUISSE = (Place("Lausanne", "", "CH-1099"), Place("Genève", "", "12099"), Place("Morges", "", "1199"))
GER = (Place("München", "", "80999"), Place("Augsburg", "", "86199"))
FRA = (Place("Lyon", "", "69009"), Place("Grenoble", "", "38099"), Place("Nantes", "", "44099"))


def uk(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    y = r.header(ctx, "British Gas", ["Your energy bill", "britishgas.co.uk  0333 202 9802"], fill=70)
    c.font("sans", 9)
    r.lines(ctx, 12, y + 6, [f.customer_name, *f.mailing_address], size=9)
    if f.mailing_address != f.service_address:
        ctx.hide("service_address")  # only the mailing address is printed
    rows = [(L("account"), f.account_number), (L("statement_date"), ctx.d(f.statement_date)),
            ("Bill number", f.other_ids["invoice"])]
    r.kv(ctx, 115, y + 6, rows, 90, size=8.5)
    c.rect(12, y + 30, 190, 20, fill=240)
    c.font("sans", 13, True)
    c.text(16, y + 42, "Amount to pay" if ctx.rng.random() < 0.7 else L("amount_due"))
    c.text(198, y + 42, ctx.m(f.total), align="R")
    c.font("sans", 8)
    c.text(16, y + 47, f"Payment will be collected by Direct Debit on or after {ctx.d(f.due_date)}"
           if f.autopay_date else f"Please pay by {ctx.d(f.due_date)}")
    y = r.kv(ctx, 12, y + 60, [("Balance brought forward" if f.previous_balance is not None and ctx.rng.random() < 0.5
                                else lbl, v) if i == 0 else (lbl, v)
                               for i, (lbl, v) in enumerate(r.balance_rows(ctx, with_total=False))], 120, size=9)
    c.font("sans", 10, True)
    c.text(12, y + 6, f"Your energy use {ctx.period()}")
    rows = []
    if f.electricity_kwh is not None:
        rows.append(("Electricity used", f"{ctx.q(f.electricity_kwh)} kWh"))
    if f.gas_usage is not None:
        m = next(m for m in f.meters if m.commodity == "gas")
        rows.append(("Gas used", f"{ctx.q(m.present - m.prior)} m3 x {ctx.q(m.multiplier)} = "
                                 f"{ctx.q(f.gas_usage)} kWh"))
    y = r.kv(ctx, 12, y + 12, rows, 120, size=8.5)
    c.font("sans", 8)
    c.text(12, y + 2, f"Tariff: {f.rate_plan}")
    y = r.meter_table(ctx, 12, y + 8, 190)
    y = r.items_table(ctx, 12, y + 6, 190, sections=True)
    r.compare(ctx, 12, y + 4, "kWh")


def ch_fr(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    c.font("sans", 16, True)
    c.text(12, 20, "Romande Energie")
    r.lines(ctx, 12, 26, ["Romande Energie SA", "Rue de Lausanne 53, 1110 Morges", "www.romande-energie.ch"], size=7)
    r.lines(ctx, 120, 34, [f.customer_name, *f.mailing_address], size=9)
    c.font("sans", 13, True)
    c.text(12, 62, "Facture d'énergie")
    rows = [(L("invoice"), f.other_ids["invoice"]), (L("customer_no"), f.other_ids["customer"]),
            (L("account"), f.account_number), (L("statement_date"), ctx.d(f.statement_date)),
            (L("period"), ctx.period()), (L("service_address"), ", ".join(f.service_address))]
    y = r.kv(ctx, 12, 72, rows, 120, mode=ctx.rng.choice(["split", "inline"]), size=8.5)
    y = r.kv(ctx, 12, y + 6, r.balance_rows(ctx), 120, size=9.5, bold_last=True)
    c.font("sans", 8)
    c.text(12, y + 3, f"{L('due_date')}: {ctx.d(f.due_date)}")
    c.text(12, y + 7, f"{L('next_read')}: {ctx.d(f.next_read, style='fr_long')}")
    c.new_page()
    c.font("sans", 11, True)
    c.text(12, 18, "Détail de votre consommation")
    y = r.kv(ctx, 12, 26, [(L("rate_plan"), f.rate_plan)], 100, mode="colon", size=8)
    y = r.meter_table(ctx, 12, y + 4, 190)
    rows = []
    if f.electricity_kwh is not None:
        rows.append((L("usage_elec"), f"{ctx.q(f.electricity_kwh)} kWh"))
    if f.water_usage is not None:
        rows.append((L("usage_water"), f"{ctx.q(f.water_usage)} m3"))
    y = r.kv(ctx, 12, y + 2, rows, 100, size=8)
    y = r.items_table(ctx, 12, y + 6, 190, sections=True)
    r.history(ctx, 12, y + 6, 190, "kWh")


def de_swm(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    y = r.header(ctx, "SWM", ["Stadtwerke München GmbH", "Emmy-Noether-Str. 2, 80992 München"], fill=None, size=26)
    r.lines(ctx, 12, y + 8, ["Stadtwerke München GmbH · 80287 München", f.customer_name, *f.mailing_address],
            size=9)
    rows = [(L("account"), f.account_number), (L("invoice"), f.other_ids["invoice"]),
            (L("premise"), "DE0009" + f.other_ids["premise"].replace("-", "")), (L("statement_date"),
                                                                                  ctx.d(f.statement_date))]
    r.kv(ctx, 120, y + 8, rows, 85, size=8)
    c.font("sans", 12, True)
    c.text(12, y + 40, f"Ihre Rechnung für Strom{' und Erdgas' if f.gas_usage is not None else ''}")
    c.font("sans", 8.5)
    c.text(12, y + 46, f"{L('period')}: {ctx.period()}   {L('service_address')}: {', '.join(f.service_address)}")
    y = r.kv(ctx, 12, y + 56, r.balance_rows(ctx), 120, size=9, bold_last=True)
    c.font("sans", 8.5)
    c.text(12, y + 3, f"{L('due_date')}: {ctx.d(f.due_date)}" + (
        f" ({L('autopay')} {ctx.d(f.autopay_date)})" if f.autopay_date else ""))
    y = r.meter_table(ctx, 12, y + 10, 190)
    rows = [(L("usage_elec"), f"{ctx.q(f.electricity_kwh)} kWh")]
    if f.gas_usage is not None:
        m = next(m for m in f.meters if m.commodity == "gas")
        rows.append((L("usage_gas"), f"{ctx.q(m.present - m.prior)} m3 x {ctx.q(m.multiplier)} = "
                                     f"{ctx.q(f.gas_usage)} kWh"))
    y = r.kv(ctx, 12, y + 2, rows + [(L("rate_plan"), f.rate_plan)], 120, size=8)
    y = r.items_table(ctx, 12, y + 6, 190, sections=True)
    r.compare(ctx, 12, y + 4, "kWh")


def fr_edf(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    c.rect(0, 0, PAGE_W, 30, fill=215, stroke=False)
    c.font("sans", 22, True)
    c.text(12, 20, "edf")
    c.font("sans", 8)
    c.text(205, 12, "EDF - Électricité de France", align="R")
    c.text(205, 16, "Service Client 09 69 32 15 15", align="R")
    c.font("sans", 12, True)
    c.text(12, 42, f"Facture du {ctx.d(f.statement_date)}")
    r.lines(ctx, 120, 42, [f.customer_name, *f.mailing_address], size=9)
    rows = [(L("customer_no"), f.other_ids["customer"]), (L("account"), f.account_number),
            (L("invoice"), f.other_ids["invoice"]), (L("premise"), "1" + f.other_ids["premise"].replace("-", "")),
            (L("service_address"), ", ".join(f.service_address))]
    y = r.kv(ctx, 12, 50, rows, 95, mode="colon", size=8)
    c.rect(12, y + 4, 190, 16, fill=240)
    c.font("sans", 12, True)
    c.text(16, y + 14, L("amount_due"))
    c.text(198, y + 14, ctx.m(f.total), align="R")
    c.font("sans", 8.5)
    c.text(12, y + 26, f"{L('due_date')} : {ctx.d(f.due_date)}")
    c.text(12, y + 30, f"{L('period')} : {ctx.period()}")
    y = r.kv(ctx, 12, y + 40, r.balance_rows(ctx, with_total=False), 120, size=9)
    c.font("sans", 8.5)
    c.text(12, y + 4, f"{L('rate_plan')} : {f.rate_plan}")
    y = r.meter_table(ctx, 12, y + 10, 190)
    y = r.kv(ctx, 12, y + 2, [(L("usage_elec"), f"{ctx.q(f.electricity_kwh)} kWh")], 100, size=8)
    y = r.items_table(ctx, 12, y + 6, 190)
    r.history(ctx, 12, y + 6, 190, "kWh", bars=False)


LAYOUT_SPECS = {
    "uk_bg": (Profile("uk_bg", "British Gas", UK, "en", GB, ("electric", "gas"), "kwh", elec_rate=(0.22, 0.3),
                      account_fmt="8509 9999 9999", meter_fmt="A99A999999", tax_rate=0.05,
                      rate_plans=("Standard Variable", "Fixed Price June 2025", "Energy Price Cap Tariff"),
                      commercial_share=0.0), uk),
    "ch_fr": (Profile("ch_fr", "Romande Energie", CH, "fr", SUISSE, ("electric", "water"), water_unit="m3",
                      elec_rate=(0.24, 0.34), account_fmt="99999999", meter_fmt="AA999999", tax_rate=0.081,
                      rate_plans=("Profil Simple", "Profil Double HP/HC", "Terre Suisse"),
                      commercial_share=0.1), ch_fr),
    "de_swm": (Profile("de_swm", "Stadtwerke München", DE, "de", GER, ("electric", "gas"), "kwh",
                       elec_rate=(0.3, 0.4), account_fmt="9999999999", meter_fmt="1ESY99999999", tax_rate=0.19,
                       rate_plans=("M-Strom Natur", "M-Strom Fix"), commercial_share=0.0), de_swm),
    "fr_edf": (Profile("fr_edf", "EDF", FR, "fr", FRA, ("electric",), elec_rate=(0.2, 0.27),
                       account_fmt="999 999 999 999", meter_fmt="999999999999", tax_rate=0.2,
                       rate_plans=("Tarif Bleu Option Base 6 kVA", "Tarif Bleu Heures Creuses 9 kVA"),
                       commercial_share=0.0), fr_edf),
}
