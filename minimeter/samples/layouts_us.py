"""US layouts, each modelled on how one real utility arranges its bill (data is all invented)."""

from __future__ import annotations

from minimeter.samples import render as r
from minimeter.samples.canvas import PAGE_W
from minimeter.samples.facts import Place, Profile
from minimeter.samples.fmt import US
from minimeter.samples.render import Ctx

CA = (Place("San Jose", "CA", "951 99"), Place("Oakland", "CA", "946 99"), Place("Fresno", "CA", "937 99"))
SOCAL = (Place("Irvine", "CA", "926 99"), Place("Pasadena", "CA", "911 99"), Place("San Diego", "CA", "921 99"))
NY = (Place("New York", "NY", "100 99"), Place("Bronx", "NY", "104 99"), Place("Brooklyn", "NY", "112 99"))
NJ = (Place("Newark", "NJ", "071 99"), Place("Trenton", "NJ", "086 99"))
NC = (Place("Charlotte", "NC", "282 99"), Place("Durham", "NC", "277 99"), Place("Greenville", "SC", "296 99"))
VA = (Place("Richmond", "VA", "232 99"), Place("Norfolk", "VA", "235 99"))
MA = (Place("Worcester", "MA", "016 99"), Place("Brockton", "MA", "024 99"), Place("Syracuse", "NY", "132 99"))
CO = (Place("Denver", "CO", "802 99"), Place("Minneapolis", "MN", "554 99"))
IL = (Place("Chicago", "IL", "606 99"), Place("Evanston", "IL", "602 99"))
OR = (Place("Riverton", "OR", "974 99"),)


def _fix(places: tuple[Place, ...]) -> tuple[Place, ...]:
    return tuple(Place(p.city, p.region, p.postcode.replace(" ", "")) for p in places)


def pge(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    y = r.header(ctx, "PG&E  ENERGY STATEMENT", ["Pacific Gas and Electric Company", "www.pge.com/MyEnergy",
                                                 "1-800-743-5000"], fill=60)
    y = r.grid(ctx, 10, y + 4, [(L("account"), f.account_number), (L("statement_date"), ctx.d(f.statement_date)),
                                (L("due_date"), ctx.d(f.due_date))], PAGE_W - 20)
    r.lines(ctx, 12, y + 6, [f.customer_name, *f.mailing_address], size=9, bold_first=True)
    r.lines(ctx, 120, y + 6, [f"{L('service_address')}:", *f.service_address], size=8)
    y += 26
    c.font("sans", 11, True)
    c.text(12, y, "Your Account Summary")
    rows = r.balance_rows(ctx)
    y = r.kv(ctx, 12, y + 7, rows, 150, mode=ctx.rng.choice(["split", "split", "inline"]), bold_last=True)
    r.paragraph(ctx, 12, y + 6, "Your next meter read is scheduled for " + ctx.d(f.next_read) + ". Visit "
                "pge.com to compare rate plans and enroll in Budget Billing.", 180)
    r.stub(ctx, 205, ["PG&E", "Box 997300", "Sacramento, CA 95899-7300"])
    c.new_page()
    c.font("sans", 11, True)
    c.text(12, 18, "Details of PG&E Electric and Gas Charges")
    y = r.kv(ctx, 12, 26, [(L("service_address"), ", ".join(f.service_address)),
                           (L("rate_plan"), f.rate_plan), (L("period"), ctx.period()),
                           ("Billing Days", str(ctx.days()))], 120, mode="colon", size=8)
    y = r.meter_table(ctx, 12, y + 4, 190)
    if f.net:
        y = r.kv(ctx, 12, y + 2, [(L("delivered"), f"{ctx.q(f.net[0])} kWh"), (L("received"), f"{ctx.q(f.net[1])} kWh"),
                                  (L("net"), f"{ctx.q(f.electricity_kwh)} kWh")], 90, size=8)
    y = r.items_table(ctx, 12, y + 4, 190, sections=True)
    y = r.history(ctx, 12, y + 6, 180, "kWh")
    r.compare(ctx, 12, y + 4, "kWh")


def sce(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    c.rect(0, 0, 60, 279.4, fill=235, stroke=False)
    c.font("sans", 15, True)
    c.text(8, 20, "SCE")
    r.lines(ctx, 8, 28, ["Southern California", "Edison", "An EDISON INTERNATIONAL", "Company"], size=7)
    r.lines(ctx, 8, 60, [L("customer"), f.customer_name, "", L("service_address"), *f.service_address,
                         "", L("account"), f.account_number, "", L("rate_plan"), f.rate_plan], size=7.5)
    c.font("sans", 12, True)
    c.text(68, 20, f"Your electricity bill  {ctx.period(year=ctx.rng.random() < 0.6)}")
    c.font("sans", 9)
    c.text(68, 28, f"{L('statement_date')}: {ctx.d(f.statement_date)}")
    c.font("sans", 14, True)
    c.text(68, 42, f"{L('amount_due')} by {ctx.d(f.due_date)}")
    c.text(205, 42, ctx.m(f.total), align="R")
    y = r.kv(ctx, 68, 56, r.balance_rows(ctx, with_total=False), 137, mode="split")
    y = r.meter_table(ctx, 68, y + 8, 137)
    if f.tou:
        rows = [("On-Peak (4 pm - 9 pm)", f"{ctx.q(f.tou['peak'])} kWh"),
                ("Off-Peak", f"{ctx.q(f.tou['off_peak'])} kWh")]
        if f.tou_total_printed:
            rows.append((L("usage_elec"), f"{ctx.q(f.electricity_kwh)} kWh"))
        y = r.kv(ctx, 68, y + 3, rows, 90, size=8)
    elif f.net:
        y = r.kv(ctx, 68, y + 3, [(L("delivered"), ctx.q(f.net[0])), (L("received"), ctx.q(f.net[1])),
                                  (L("net"), f"{ctx.q(f.electricity_kwh)} kWh")], 90, size=8)
    y = r.items_table(ctx, 68, y + 5, 137)
    y = r.history(ctx, 68, y + 5, 137, "kWh", bars=False)
    r.paragraph(ctx, 68, y + 4, f"{L('next_read')}: {ctx.d(f.next_read)}. Invoice {f.other_ids['invoice']}.", 137)


def sdge(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    y = r.header(ctx, "SDG&E", ["San Diego Gas & Electric", "P.O. Box 25111, Santa Ana, CA 92799-5111"], fill=None,
                 size=24)
    y = r.grid(ctx, 10, y + 4, [(L("account"), f.account_number), (L("statement_date"), ctx.d(f.statement_date)),
                                (L("amount_due"), ctx.m(f.total)), (L("due_date"), ctx.d(f.due_date))], PAGE_W - 20)
    r.lines(ctx, 12, y + 5, [f.customer_name, *f.mailing_address], size=8.5)
    c.font("sans", 8)
    c.text(120, y + 5, f"{L('period')}: {ctx.period(year=False)}")
    c.text(120, y + 9, f"{L('service_address')}: {' '.join(f.service_address)}")
    c.text(120, y + 13, f"{L('rate_plan')}: {f.rate_plan}")
    y = r.kv(ctx, 12, y + 24, r.balance_rows(ctx), 90, size=9, bold_last=True)
    y = r.meter_table(ctx, 12, y + 6, 190)
    if f.net:
        y = r.grid(ctx, 12, y + 6, [(L("delivered"), ctx.q(f.net[0])), (L("received"), ctx.q(f.net[1])),
                                    (L("net"), ctx.q(f.electricity_kwh) + " kWh")], 150, box=False)
    y = r.items_table(ctx, 12, y + 4, 190)
    r.history(ctx, 12, y + 6, 180, "kWh")


def coned(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    direct = f.autopay_date is not None
    if f.autopay_date is not None:
        f.due_date = f.autopay_date  # a Direct Pay date is the only due date these bills print
    c.new_page()
    c.font("serif", 20, True)
    c.text(12, 20, "conEdison")
    r.lines(ctx, 140, 14, ["Consolidated Edison Company", "of New York, Inc.", "JAF Station, PO Box 1702",
                           "New York, NY 10116-1702"], size=7)
    c.font("sans", 10, True)
    c.text(12, 34, f"Your billing summary as of {ctx.d(f.statement_date, style='us_mon')}")
    ctx.L.chosen.setdefault("previous_balance", "Total charges from your last bill")
    y = r.kv(ctx, 12, 42, r.balance_rows(ctx, with_total=False), 100, size=9)
    c.font("sans", 11, True)
    c.text(12, y + 4, L("amount_due"))
    c.text(112, y + 4, ctx.m(f.total), align="R")
    c.font("sans", 8)
    if direct:
        c.text(12, y + 10, f"This amount will be paid by Direct Pay on {ctx.d(f.due_date)}.")
    else:
        c.text(12, y + 10, f"{L('due_date')}: {ctx.d(f.due_date)}")
    r.lines(ctx, 130, 42, [L("account"), f.account_number, "", L("service_address"), *f.service_address, "",
                           L("period"), ctx.period(year=ctx.rng.random() < 0.5), "", "Next billing date",
                           ctx.d(f.next_read)], size=8)
    r.history(ctx, 12, 110, 180, "kWh")
    r.stub(ctx, 205, ["Con Edison", "JAF Station, PO Box 1702", "New York, NY 10116-1702"])
    c.new_page()
    c.font("sans", 10, True)
    c.text(12, 18, "Electricity charges")
    y = r.kv(ctx, 12, 26, [(L("meter"), f.meters[0].number), (L("rate_plan"), f.rate_plan),
                           (L("period"), ctx.period()), (L("usage_elec"), f"{ctx.q(f.electricity_kwh)} kWh")], 120,
             mode="colon", size=8)
    y = r.meter_table(ctx, 12, y + 4, 190)
    r.items_table(ctx, 12, y + 6, 190)


def pseg(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    c.font("serif", 22, True)
    c.text(12, 20, "PSEG")
    c.font("serif", 8)
    c.text(12, 25, "Public Service Electric and Gas Company")
    c.font("serif", 9)
    for i, s in enumerate([f"{L('account')} {f.account_number}", f"{L('statement_date')} {ctx.d(f.statement_date)}",
                           f"{L('invoice')} {f.other_ids['invoice']}"]):
        c.text(205, 14 + i * 4.5, s, align="R")
    r.lines(ctx, 12, 38, [f.customer_name, *f.mailing_address], size=9)
    y = r.kv(ctx, 110, 38, r.balance_rows(ctx), 95, mode="inline", bold_last=True)
    c.font("serif", 9, True)
    c.text(110, y + 2, f"{L('due_date')} {ctx.d(f.due_date)}")
    y = r.kv(ctx, 12, 80, [(L("service_address"), ", ".join(f.service_address)), (L("rate_plan"), f.rate_plan),
                           (L("period"), ctx.period())], 100, mode="colon", size=8)
    y = r.meter_table(ctx, 12, y + 6, 190)
    if f.gas_usage is not None:
        y = r.kv(ctx, 12, y + 2, [(L("usage_gas"), f"{ctx.q(f.gas_usage)} therms"),
                                  (L("usage_elec"), f"{ctx.q(f.electricity_kwh)} kWh")], 80, size=8)
    y = r.items_table(ctx, 12, y + 6, 190, sections=True)
    r.compare(ctx, 12, y + 4, "kWh")


def duke(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    y = r.header(ctx, "DUKE ENERGY", ["Duke Energy Carolinas", "duke-energy.com  800.777.9898"], fill=90, size=16)
    y = r.grid(ctx, 10, y + 4, [(L("statement_date"), ctx.d(f.statement_date)), (L("account"), f.account_number),
                                (L("due_date"), ctx.d(f.due_date)), (L("amount_due"), ctx.m(f.total))], PAGE_W - 20)
    r.lines(ctx, 12, y + 5, [L("service_address"), *f.service_address], size=8)
    ctx.hide("customer_name")  # this layout prints no addressee block
    c.font("sans", 8)
    c.text(110, y + 5, f"{L('period')}  {ctx.period(year=ctx.rng.random() < 0.7)} ({ctx.days()} days)")
    c.text(110, y + 9, f"{L('rate_plan')}: {f.rate_plan}")
    c.text(110, y + 13, f"{L('next_read')}: {ctx.d(f.next_read, year=False)}")
    c.font("sans", 10, True)
    c.text(12, y + 26, "Billing summary")
    y = r.kv(ctx, 12, y + 32, r.balance_rows(ctx), 80, mode="inline", bold_last=True)
    y = r.late_notice(ctx, 12, y + 2)
    y = r.meter_table(ctx, 12, y + 8, 190)
    y = r.items_table(ctx, 12, y + 6, 190)
    r.history(ctx, 12, y + 4, 190, "kWh")
    if f.demand_kw is not None:
        r.kv(ctx, 12, 250, [(L("demand"), f"{ctx.q(f.demand_kw)} kW")], 60, size=8)


def dominion(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    c.font("mono", 14, True)
    c.text(12, 18, "Dominion Energy")
    c.font("mono", 8)
    c.text(12, 23, "Dominion Energy Virginia - PO Box 26543 Richmond VA 23290")
    rows = [(L("account"), f.account_number), (L("invoice"), f.other_ids["invoice"]),
            (L("statement_date"), ctx.d(f.statement_date)), (L("due_date"), ctx.d(f.due_date)),
            (L("rate_plan"), f.rate_plan), (L("period"), ctx.period())]
    y = r.kv(ctx, 12, 34, rows, 110, mode=ctx.rng.choice(["split", "colon"]), size=8, lead=4.3)
    r.lines(ctx, 140, 34, [f.customer_name, *f.service_address], size=8)
    y = r.kv(ctx, 12, y + 6, r.balance_rows(ctx), 110, size=8.5, bold_last=True)
    y = r.meter_table(ctx, 12, y + 6, 190)
    if f.demand_kw is not None:
        y = r.kv(ctx, 12, y + 2, [(L("demand"), f"{ctx.q(f.demand_kw)} kW"), ("Load factor",
                 f"{ctx.rng.randint(30, 70)}%")], 70, size=8)
    y = r.items_table(ctx, 12, y + 4, 190)
    r.history(ctx, 12, y + 4, 190, "kWh", bars=False)


def ngrid_gas(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    y = r.header(ctx, "nationalgrid", ["National Grid", "PO Box 371382, Pittsburgh PA 15250-7382"], fill=None)
    y = r.grid(ctx, 10, y + 4, [(L("account"), f.account_number), (L("statement_date"), ctx.d(f.statement_date)),
                                (L("due_date"), ctx.d(f.due_date)), (L("amount_due"), ctx.m(f.total))], PAGE_W - 20)
    if f.autopay_date:
        c.font("sans", 8)
        c.text(12, y + 3, f"{L('autopay')} {ctx.d(f.autopay_date, style='us_month')}")
    r.lines(ctx, 12, y + 9, [f.customer_name, *f.mailing_address], size=8.5)
    c.font("sans", 8)
    c.text(110, y + 9, f"SERVICE FOR {' '.join(f.service_address)}")
    c.text(110, y + 13, f"{L('period').upper()} {ctx.period(year=False)}  ({ctx.days()} DAYS)")
    c.text(110, y + 17, f"RATE {f.rate_plan}")
    y = r.kv(ctx, 12, y + 28, [(lbl.upper(), v) for lbl, v in r.balance_rows(ctx)], 90, size=8.5)
    y = r.meter_table(ctx, 12, y + 6, 190)
    m = f.meters[0]
    y = r.kv(ctx, 12, y + 2, [("CCF used", ctx.q(m.present - m.prior)), (L("factor"), ctx.q(m.multiplier)),
                              (L("usage_gas"), f"{ctx.q(f.gas_usage)} therms")], 70, size=8)
    y = r.items_table(ctx, 12, y + 6, 190)
    r.history(ctx, 12, y + 4, 190, "therms")


def xcel(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    y = r.header(ctx, "Xcel Energy", ["RESPONSIBLE BY NATURE", "xcelenergy.com"], fill=30, size=16)
    rows = [(L("account"), f.account_number), ("Premise", f.other_ids["premise"]),
            (L("statement_date"), ctx.d(f.statement_date)), (L("due_date"), ctx.d(f.due_date)),
            (L("amount_due"), ctx.m(f.total))]
    y1 = r.kv(ctx, 120, y + 6, rows, 85, mode=ctx.rng.choice(["split", "inline"]), size=8.5, bold_last=True)
    r.lines(ctx, 12, y + 6, [f.customer_name, *f.mailing_address], size=8.5)
    y = r.kv(ctx, 12, y1 + 8, [(L("service_address"), " ".join(f.service_address)),
                               (L("period"), ctx.period()), (L("next_read"), ctx.d(f.next_read))], 100,
             mode="colon", size=8)
    y = r.kv(ctx, 12, y + 6, r.balance_rows(ctx), 100, size=8.5, bold_last=True)
    r.stub(ctx, 205, ["Xcel Energy", "PO Box 9477", "Minneapolis MN 55484-9477"])
    c.new_page()
    c.font("sans", 10, True)
    c.text(12, 18, "SERVICE DETAILS")
    y = r.kv(ctx, 12, 26, [(L("rate_plan"), f.rate_plan)], 90, mode="colon", size=8)
    y = r.meter_table(ctx, 12, y + 4, 190)
    y = r.kv(ctx, 12, y + 2, [(L("usage_elec"), f"{ctx.q(f.electricity_kwh)} kWh")] +
             ([(L("usage_gas"), f"{ctx.q(f.gas_usage)} therms")] if f.gas_usage is not None else []), 80, size=8)
    y = r.items_table(ctx, 12, y + 6, 190, sections=True)
    r.history(ctx, 12, y + 6, 190, "kWh")


def comed(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    c.font("sans", 20, True)
    c.text(12, 20, "ComEd")
    c.font("sans", 7)
    c.text(12, 24, "An Exelon Company")
    c.font("sans", 9)
    c.text(205, 16, f"{L('account')}  {f.account_number}", align="R")
    c.text(205, 21, f"{L('statement_date')}  {ctx.d(f.statement_date)}", align="R")
    c.rect(110, 30, 95, 22, fill=225)
    c.font("sans", 10, True)
    c.text(114, 38, L("amount_due"))
    c.text(201, 38, ctx.m(f.total), align="R")
    c.font("sans", 8)
    c.text(114, 46, f"{L('due_date')} {ctx.d(f.due_date)}")
    r.lines(ctx, 12, 34, [f.customer_name, *f.mailing_address], size=8.5)
    rows = [(L("service_address"), " ".join(f.service_address)), (L("period"), ctx.period()),
            (L("rate_plan"), f.rate_plan), (L("meter"), f.meters[0].number)]
    if ctx.rng.random() < 0.3:  # many bills never name the tariff
        rows.pop(2)
        ctx.hide("rate_plan")
    y = r.kv(ctx, 12, 62, rows, 110, mode="colon", size=8)
    y = r.kv(ctx, 12, y + 6, r.balance_rows(ctx, with_total=ctx.rng.random() < 0.5), 100, size=8.5)
    y = r.late_notice(ctx, 12, y + 2)
    y = r.meter_table(ctx, 12, y + 6, 190)
    y = r.items_table(ctx, 12, y + 6, 190, sections=True)
    y = r.compare(ctx, 12, y + 4, "kWh")
    r.paragraph(ctx, 12, y + 6, f"{L('next_read')} {ctx.d(f.next_read)}. {L('customer_no')} "
                f"{f.other_ids['customer']}.", 180)


def water_muni(ctx: Ctx) -> None:
    c, f, L = ctx.c, ctx.f, ctx.L
    c.new_page()
    c.rect(8, 8, 199.9, 263.4)
    c.font("serif", 14, True)
    c.text(PAGE_W / 2, 18, "CITY OF RIVERTON", align="C")
    c.font("serif", 9)
    c.text(PAGE_W / 2, 23, "Water & Sewer Utility Billing - 410 Civic Center Dr", align="C")
    show_statement = ctx.rng.random() < 0.6 or "due_after_statement" in f.planted
    if not show_statement:
        ctx.hide("statement_date")
    rows = [(L("account"), f.account_number), (L("customer"), f.customer_name),
            (L("service_address"), " ".join(f.service_address)), (L("period"), ctx.period())]
    if show_statement:
        rows.append((L("statement_date"), ctx.d(f.statement_date)))
    rows += [(L("due_date"), ctx.d(f.due_date)), ("Class", f.rate_plan)]
    c.font("mono", 8)
    y = r.kv(ctx, 14, 34, rows, 100, mode="colon", size=8)
    y = r.meter_table(ctx, 14, y + 6, 185)
    y = r.items_table(ctx, 14, y + 6, 185)
    y = r.kv(ctx, 14, y + 4, r.balance_rows(ctx), 100, size=9, bold_last=True)
    y = r.late_notice(ctx, 14, y + 2)
    r.history(ctx, 14, y + 6, 185, f.water_unit or "gallons")
    r.paragraph(ctx, 14, 250, "Payments received after the due date are subject to a 10% penalty. Water "
                "service may be disconnected for non-payment.", 185)


LAYOUT_SPECS = {
    "pge": (Profile("pge", "Pacific Gas and Electric Company", US, "en", _fix(CA), ("electric", "gas"), "therms",
                    elec_rate=(0.28, 0.42), tou_share=0.5, net_share=0.2, account_fmt="9999999999-9",
                    meter_fmt="1009999999", rate_plans=("E-TOU-C Residential Time-of-Use", "E1 Residential Service"),
                    credit_items=("California Climate Credit",)), pge),
    "sce": (Profile("sce", "Southern California Edison", US, "en", _fix(SOCAL), ("electric",),
                    elec_rate=(0.25, 0.38), tou_share=0.7, net_share=0.25, account_fmt="9-999-999-9999",
                    meter_fmt="2229999999999", rate_plans=("TOU-D-4-9PM", "TOU-D-5-8PM", "Domestic D"),
                    commercial_plans=("TOU-GS-1-D",), credit_items=("California Climate Credit",)), sce),
    "sdge": (Profile("sdge", "San Diego Gas & Electric", US, "en", _fix(SOCAL), ("electric", "gas"), "therms",
                     elec_rate=(0.3, 0.45), net_share=0.35, account_fmt="9999 999 9999 9",
                     meter_fmt="0599999", rate_plans=("TOU-DR1", "EV-TOU-5", "DR-SES")), sdge),
    "coned": (Profile("coned", "Con Edison", US, "en", _fix(NY), ("electric",), elec_rate=(0.2, 0.3),
                      account_fmt="99-9999-9999-9999-9", meter_fmt="999999999",
                      rate_plans=("EL1 Residential or Religious", "EL1 Residential"),
                      commercial_plans=("EL2 General Small",)), coned),
    "pseg": (Profile("pseg", "PSE&G", US, "en", _fix(NJ), ("electric", "gas"), "therms", two_meter_share=0.35,
                     account_fmt="99 999 999 99", meter_fmt="999999999", rate_plans=("RS", "RHS", "RSG"),
                     commercial_plans=("GLP", "LPL-S")), pseg),
    "duke": (Profile("duke", "Duke Energy Carolinas", US, "en", _fix(NC), ("electric",), elec_rate=(0.1, 0.15),
                     commercial_share=0.25, account_fmt="9999 9999 9999", meter_fmt="999999999",
                     rate_plans=("Residential Service (RS)", "RSTC Residential TOU"),
                     commercial_plans=("SGS Small General Service",), tax_rate=0.07), duke),
    "dominion": (Profile("dominion", "Dominion Energy Virginia", US, "en", _fix(VA), ("electric",),
                         elec_rate=(0.09, 0.14), commercial_share=0.5, account_fmt="999999999999",
                         meter_fmt="AB9999999", rate_plans=("Schedule 1 Residential",),
                         commercial_plans=("Schedule GS-1", "Schedule GS-2")), dominion),
    "ngrid_gas": (Profile("ngrid_gas", "National Grid", US, "en", _fix(MA), ("gas",), "therms",
                          gas_rate=(1.2, 2.2), account_fmt="99999-99999", meter_fmt="999999",
                          rate_plans=("R-3 Residential Heating", "R-1 Residential Non-Heating"),
                          commercial_plans=("G-41 Small Commercial",)), ngrid_gas),
    "xcel": (Profile("xcel", "Xcel Energy", US, "en", _fix(CO), ("electric", "gas"), "therms", two_meter_share=0.3,
                     account_fmt="99-9999999-9", meter_fmt="99999999", rate_plans=("Residential (R)", "RE-TOU"),
                     commercial_plans=("Commercial (C)",), tax_rate=0.0345), xcel),
    "comed": (Profile("comed", "ComEd", US, "en", _fix(IL), ("electric",), elec_rate=(0.08, 0.16),
                      account_fmt="9999999999", meter_fmt="999999999", commercial_share=0.2,
                      rate_plans=("Residential - Single Family Without Electric Space Heat", "Residential Hourly"),
                      commercial_plans=("Small Load Delivery Class",), tax_rate=0.05), comed),
    "water_muni": (Profile("water_muni", "City of Riverton", US, "en", _fix(OR), ("water",), water_unit="gallons",
                           commercial_share=0.2, account_fmt="999-99999-99", meter_fmt="99999999",
                           rate_plans=("Residential Inside City", "Residential Outside City"),
                           commercial_plans=("Commercial 2in",)), water_muni),
}
