"""SUCCEEDED means corroborated: total, period and usage each confirmed by a check that could have failed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from minimeter.readers.base import Document, Page
from minimeter.schema import BillNormalized, ExtractionResult, FieldEvidence, LineItem, Meter, Span
from minimeter.settings import Settings
from minimeter.validate import finalize
from tests.validate.bills import ADDRESS, make_bill

HEAD = ADDRESS + ("Account Number 12345678  Statement Date 03/02/2024  Due Date 03/22/2024\n"
        "Service Period 01/30/2024 - 02/28/2024  (29 days)\n")



def _bill(**kw: object) -> BillNormalized:
    return make_bill(**kw)


def _run(bill: BillNormalized, text: str, settings: Settings, source: str = "rules",
         spans: dict[str, tuple[int, int]] | None = None, confidence: float = 0.95) -> ExtractionResult:
    ev = {}
    for f in bill.scalar_fields():
        v = getattr(bill, f)
        if v is None:
            continue
        span = None
        if spans and f in spans:
            a, b = spans[f]
            span = Span(page=1, start=a, end=b, text=text[a:b])
        ev[f] = FieldEvidence(value=str(v), confidence=confidence, source=source, span=span)  # type: ignore[arg-type]
    doc = Document(pages=[Page(number=1, text=text)], page_count=1)
    return finalize(ExtractionResult(bill=bill, evidence=ev, extractor="test"), doc, settings)


def _rule(res: ExtractionResult, rule: str) -> bool | None:
    return next(c.passed for c in res.checks if c.rule == rule)


FULL = HEAD + ("Previous Balance 118.39  Payments -162.03  Current Charges 135.46  Total Amount Due 91.82\n"
               "Meter 24071  Prior Reading 20451  Present Reading 21706  Usage 1,255 kWh\n")


def _full() -> BillNormalized:
    return _bill(previous_balance=Decimal("118.39"), payments=Decimal("162.03"), current_charges=Decimal("135.46"),
                 total_amount_due=Decimal("91.82"), electricity_kwh=Decimal("1255"),
                 meters=[Meter(prior_read=Decimal("20451"), present_read=Decimal("21706"), usage=Decimal("1255"),
                               commodity="electricity")])


def test_succeeded_only_with_total_period_and_usage_all_confirmed(settings: Settings) -> None:
    res = _run(_full(), FULL, settings)
    assert res.status == "SUCCEEDED", res.issues
    assert _rule(res, "total_confirmed") and _rule(res, "period_confirmed") and _rule(res, "usage_confirmed")


def test_the_same_rule_holds_for_a_model_extractor(settings: Settings) -> None:
    # No spans, source "model": the values are looked up on the page; the verdict is the same.
    assert _run(_full(), FULL, settings, source="model").status == "SUCCEEDED"
    unread = FULL.replace("(29 days)", "")
    res = _run(_full(), unread, settings, source="model")
    assert res.status == "NEEDS_REVIEW" and _rule(res, "period_confirmed") is False


def test_period_unconfirmed_is_named(settings: Settings) -> None:
    # (read with a rival close to it, so its label alone does not confirm it either)
    res = _run(_full(), FULL.replace("(29 days)", ""), settings, confidence=0.85)
    assert res.status == "NEEDS_REVIEW"
    assert any("[period_confirmed]" in i and "period not confirmed" in i for i in res.issues)
    assert _rule(res, "total_confirmed") and _rule(res, "usage_confirmed")


def test_usage_unconfirmed_is_named(settings: Settings) -> None:
    res = _run(_full().model_copy(update={"meters": []}), FULL.replace("Prior Reading 20451  Present Reading 21706",
                                                                      ""), settings)
    assert res.status == "NEEDS_REVIEW"
    assert any("[usage_confirmed]" in i and "electricity_kwh" in i for i in res.issues)


def test_total_unconfirmed_when_the_balance_is_only_an_identity(settings: Settings) -> None:
    # Paid in full and no line items: previous = payments, current = total. Nothing checks the total.
    text = HEAD + ("Previous Balance 201.00  Payments -201.00  Current Charges 170.00  Total Amount Due 170.00\n"
                   "Prior Reading 20451  Present Reading 21706  Usage 1,255 kWh\n")
    bill = _full().model_copy(update={"previous_balance": Decimal("201.00"), "payments": Decimal("201.00"),
                                      "current_charges": Decimal("170.00"), "total_amount_due": Decimal("170.00")})
    res = _run(bill, text, settings)
    assert res.status == "NEEDS_REVIEW"
    assert any("[total_confirmed]" in i and "total not confirmed by the bill's arithmetic" in i for i in res.issues)
    # The line items, printed on the bill, adding up to the total confirm it.
    with_items = bill.model_copy(update={"line_items": [LineItem(description="Energy", amount=Decimal("135.50")),
                                                        LineItem(description="Grid", amount=Decimal("34.50"))]})
    res = _run(with_items, text + "Energy 135.50\nGrid 34.50\n", settings)
    assert res.status == "SUCCEEDED", res.issues


def test_payments_equal_to_current_do_not_let_the_previous_balance_pass_as_total(settings: Settings) -> None:
    # The measured failure: "payments" read as the current charges, the previous amount due taken as the total.
    text = HEAD + ("Previous Balance 60.35  Payment received -60.35  Current Charges 61.20  Amount Due 61.20\n"
                   "Prior Reading 20451  Present Reading 21706  Usage 1,255 kWh\n")
    bill = _full().model_copy(update={"previous_balance": Decimal("60.35"), "payments": Decimal("61.20"),
                                      "current_charges": Decimal("61.20"), "total_amount_due": Decimal("60.35")})
    res = _run(bill, text, settings)
    assert _rule(res, "balance") is True  # the numbers add up...
    assert _rule(res, "total_confirmed") is False  # ...as x - y + y = x, which is no evidence
    assert res.status == "NEEDS_REVIEW"


def test_two_roles_on_one_printed_figure_confirm_nothing(settings: Settings) -> None:
    # previous + current = total with previous and current both 50.00: evidence only if 50.00 is printed twice.
    once = HEAD + ("Current Charges 50.00  Total Amount Due 100.00\n"
                   "Prior Reading 20451  Present Reading 21706  1,255 kWh\n")
    bill = _full().model_copy(update={"previous_balance": Decimal("50.00"), "payments": None,
                                      "current_charges": Decimal("50.00"), "total_amount_due": Decimal("100.00")})
    at = once.index("50.00")
    res = _run(bill, once, settings, spans={"previous_balance": (at, at + 5), "current_charges": (at, at + 5)})
    assert _rule(res, "total_confirmed") is False
    twice = once.replace("Current Charges", "Previous Balance 50.00  Current Charges")
    assert _rule(_run(bill, twice, settings), "total_confirmed") is True


def test_usage_confirmed_by_a_charge_line(settings: Settings) -> None:
    text = HEAD + "Total Amount Due 316.52  Energy 811 kWh x 0.39029 316.52\nLast year 790 kWh\n"
    bill = _bill(total_amount_due=Decimal("316.52"), electricity_kwh=Decimal("811"),
                 line_items=[LineItem(description="Energy", amount=Decimal("316.52"), quantity=Decimal("811"),
                                      unit="kWh", rate=Decimal("0.39029"))])
    res = _run(bill, text, settings)
    assert _rule(res, "usage_confirmed") is True
    wrong = bill.model_copy(update={"electricity_kwh": Decimal("790")})  # last year's figure: not billed
    assert _rule(_run(wrong, text, settings), "usage_confirmed") is False


def test_usage_confirmed_by_two_meters_adding_up(settings: Settings) -> None:
    text = HEAD + "Amount Due 12.00\nMeter A 3184100 3193700\nMeter B 612000 614500\nTotal usage 12100 gallons\n"
    bill = _bill(total_amount_due=Decimal("12.00"), water_usage=Decimal("12100"), water_usage_unit="gallons",
                 meters=[Meter(prior_read=Decimal("3184100"), present_read=Decimal("3193700"), usage=Decimal("9600"),
                               commodity="water"),
                         Meter(prior_read=Decimal("612000"), present_read=Decimal("614500"), usage=Decimal("2500"),
                               commodity="water")])
    assert _rule(_run(bill, text, settings), "usage_confirmed") is True


def test_a_zero_prior_read_does_not_confirm_usage(settings: Settings) -> None:
    text = HEAD + "Amount Due 12.00\nPrior 0 Present 1255 Usage 1255 kWh\n"
    bill = _bill(total_amount_due=Decimal("12.00"), electricity_kwh=Decimal("1255"),
                 meters=[Meter(prior_read=Decimal("0"), present_read=Decimal("1255"), usage=Decimal("1255"),
                               commodity="electricity")])
    assert _rule(_run(bill, text, settings), "usage_confirmed") is False


def test_a_fees_only_bill_needs_no_usage_but_only_when_no_usage_is_printed(settings: Settings) -> None:
    text = HEAD + "Previous Balance 20.00  Late fee 5.00  Service fee 10.00  Amount Due 35.00\n"
    bill = _bill(previous_balance=Decimal("20.00"), current_charges=Decimal("15.00"), total_amount_due=Decimal("35.00"))
    res = _run(bill, text.replace("Service fee 10.00", "Service fee 10.00  Current charges 15.00"), settings)
    assert _rule(res, "usage_confirmed") is True
    assert _rule(res, "total_confirmed") is True
    with_kwh = text.replace("Service fee", "Usage 812 kWh  Service fee")
    res = _run(bill, with_kwh, settings)
    assert _rule(res, "usage_confirmed") is False
    assert any("[usage_confirmed]" in i and "kwh" in i for i in res.issues)


def test_a_day_count_in_a_table_column_confirms_the_period(settings: Settings) -> None:
    text = ("Account 12345678   Amount Due 91.82\n"
            "                 Service Period        No. of days     Current Reading   Previous Reading\n"
            "                 Jan 30 - Feb 28            29              21706             20451\n")
    bill = _bill(total_amount_due=Decimal("91.82"))
    res = _run(bill, text, settings)
    assert _rule(res, "period_confirmed") is True
    shifted = bill.model_copy(update={"billing_period_start": dt.date(2024, 1, 20)})
    assert _rule(_run(shifted, text, settings), "period_confirmed") is False


def test_a_day_count_far_from_the_period_does_not_confirm_it(settings: Settings) -> None:
    # "30 days" in a usage-history row is another period's length, even when it happens to match.
    far = ("Account Number 12345678  Statement Date 03/02/2024\nService Period 01/30/2024 - 02/29/2024\n"
           + "Total Amount Due 91.82\n" * 4 + "History: Dec 2023  (30 days)  1,101 kWh\n")
    bill = _bill(total_amount_due=Decimal("91.82"), billing_period_end=dt.date(2024, 2, 29))
    assert _rule(_run(bill, far, settings, confidence=0.85), "period_confirmed") is False
    near = far.replace("02/29/2024\n", "02/29/2024 (30 days)\n")
    assert _rule(_run(bill, near, settings, confidence=0.85), "period_confirmed") is True


def test_values_a_reviewer_entered_are_confirmed_by_the_review(settings: Settings) -> None:
    text = HEAD.replace("(29 days)", "") + "Total Amount Due 88.20\nMonthly service fee\n"
    bill = _bill(total_amount_due=Decimal("88.20"))
    assert _run(bill, text, settings).status == "NEEDS_REVIEW"
    res = _run(bill, text, settings, source="human")
    assert res.status == "SUCCEEDED", res.issues
    assert next(c.message for c in res.checks if c.rule == "period_confirmed") == "entered by a reviewer"


NO_DAYS = ("Account Number 12345678  Statement Date 03/02/2024  Due Date 03/22/2024\n"
           "Service Period 01/30/2024 - 02/28/2024\n")


def test_a_period_on_the_row_of_the_meter_reads_is_confirmed(settings: Settings) -> None:
    text = NO_DAYS + "Meter 24071   01/30/2024   02/28/2024   20451   21706   1,255 kWh\n"
    bill = _bill(electricity_kwh=Decimal("1255"), meters=[Meter(prior_read=Decimal("20451"),
                                                                present_read=Decimal("21706"), usage=Decimal("1255"))])
    assert _rule(_run(bill, text, settings), "period_confirmed") is True
    other = NO_DAYS + "Meter 24071   12/30/2023   01/29/2024   20451   21706   1,255 kWh\n"  # another period's reads
    res = _run(bill.model_copy(update={"statement_date": dt.date(2024, 6, 1)}), other, settings)
    assert _rule(res, "period_confirmed") is False


def test_a_labelled_monthly_period_before_the_statement_is_confirmed_only_with_all_three(settings: Settings) -> None:
    assert _rule(_run(_bill(), NO_DAYS, settings), "period_confirmed") is True
    # the statement long after the period: the pair may be another period's
    late = _bill(statement_date=dt.date(2024, 6, 2), due_date=dt.date(2024, 6, 22))
    assert _rule(_run(late, NO_DAYS, settings), "period_confirmed") is False
    # a 59-day pair is no monthly period
    long = _bill(billing_period_start=dt.date(2023, 12, 31))
    assert _rule(_run(long, NO_DAYS.replace("01/30/2024", "12/31/2023"), settings), "period_confirmed") is False


def test_a_weakly_read_period_is_not_confirmed_by_its_label(settings: Settings) -> None:
    bill = _bill()
    res = _run(bill, NO_DAYS, settings)
    ev = dict(res.evidence)
    ev["billing_period_end"] = ev["billing_period_end"].model_copy(update={"confidence": 0.7})
    doc = Document(pages=[Page(number=1, text=NO_DAYS)], page_count=1)
    res = finalize(ExtractionResult(bill=bill, evidence=ev, extractor="test"), doc, settings)
    assert _rule(res, "period_confirmed") is False


def test_a_template_reading_the_generic_finder_agrees_with_confirms_the_period(settings: Settings) -> None:
    bill = _bill()
    res = _run(bill, NO_DAYS, settings, confidence=0.85)
    assert _rule(res, "period_confirmed") is False

    def with_template(note: str, confidence: float = 0.7) -> ExtractionResult:
        ev = {k: (v.model_copy(update={"source": "template", "note": note, "confidence": confidence})
                  if k.startswith("billing_period") else v) for k, v in res.evidence.items()}
        doc = Document(pages=[Page(number=1, text=NO_DAYS)], page_count=1)
        return finalize(ExtractionResult(bill=bill, evidence=ev, extractor="test"), doc, settings)

    assert _rule(with_template("template t1: same row; the generic reading agrees"), "period_confirmed") is True
    assert _rule(with_template("template t1: same row"), "period_confirmed") is False  # the template alone
    # read confidently at the approved place, a monthly period ending before the statement checks out
    assert _rule(with_template("template t1: same row", 0.85), "period_confirmed") is True


def test_a_two_month_period_read_at_the_template_s_place_is_as_long_as_the_approved_one(
        settings: Settings) -> None:
    """A layout that bills every two months: its template notes the approved bill's period length, and a
    period read at its place that is as long (and ends shortly before the statement) checks out; the same
    59 days read by the generic finder alone, or against a monthly cycle, do not."""
    bill = _bill(billing_period_start=dt.date(2023, 12, 31))
    text = NO_DAYS.replace("01/30/2024", "12/31/2023")

    def read_by(note: str | None, source: str = "template") -> ExtractionResult:
        res = _run(bill, text, settings)
        ev = {k: (v.model_copy(update={"source": source, "note": note, "confidence": 0.95})
                  if k.startswith("billing_period") else v) for k, v in res.evidence.items()}
        doc = Document(pages=[Page(number=1, text=text)], page_count=1)
        return finalize(ExtractionResult(bill=bill, evidence=ev, extractor="test"), doc, settings)

    cycle = read_by("template t1: right of 'Period'; the layout's billing cycle: 61 days")
    assert _rule(cycle, "period_confirmed") is True and _rule(cycle, "period_length") is True
    monthly = read_by("template t1: right of 'Period'; the layout's billing cycle: 30 days")
    assert _rule(monthly, "period_confirmed") is False and _rule(monthly, "period_length") is False
    assert _rule(read_by("template t1: right of 'Period'"), "period_confirmed") is False
    assert _rule(read_by(None, source="rules"), "period_confirmed") is False


def test_a_charge_billed_on_more_energy_than_the_usage_read_denies_it(settings: Settings) -> None:
    """One register's reads confirm that register; a charge billed on more kWh says the bill's usage is more."""
    text = FULL + "Distribution Energy 5,020 kWh x 0.0342 = 171.68\n"
    bill = _full().model_copy(update={"line_items": [LineItem(description="Distribution Energy", amount=Decimal(
        "171.68"), quantity=Decimal("5020"), unit="kWh", rate=Decimal("0.0342"))]})
    res = _run(bill, text, settings)
    assert _rule(res, "usage_confirmed") is False
    assert any("billed on 5020 kWh" in i for i in res.issues)


def _run_layout(bill: BillNormalized, text: str, settings: Settings) -> ExtractionResult:
    ev = {f: FieldEvidence(value=str(getattr(bill, f)), confidence=0.95, source="rules")  # type: ignore[arg-type]
          for f in bill.scalar_fields() if getattr(bill, f) is not None}
    doc = Document(pages=[Page(number=1, text=text, layout_text=text)], page_count=1)
    return finalize(ExtractionResult(bill=bill, evidence=ev, extractor="test"), doc, settings)


SUMMARY = HEAD + ("Previous Account Balance                                       2,410.00\n"
                  "Less: Incoming Payment                                        - 2,410.00\n"
                  "Sub Total                                                          0.00\n"
                  "Current Charges (Excl. VAT)                                    1,300.00\n"
                  "VAT @ 15%                                                        195.00\n"
                  "                                                  Total Due    1,495.00\n")


def test_a_summary_block_adding_up_on_rows_that_are_not_the_total_confirms_it(settings: Settings) -> None:
    bill = _bill(previous_balance=Decimal("2410.00"), payments=Decimal("2410.00"), current_charges=Decimal("1495.00"),
                 total_amount_due=Decimal("1495.00"))
    res = _run_layout(bill, SUMMARY, settings)
    assert _rule(res, "total_confirmed") is True
    # A total the block does not close on is not confirmed by it.
    res = _run_layout(bill.model_copy(update={"total_amount_due": Decimal("1300.00"),
                                              "current_charges": Decimal("1300.00")}), SUMMARY, settings)
    assert _rule(res, "total_confirmed") is False


def test_a_block_that_only_repeats_the_total_after_a_cancelled_balance_confirms_nothing(settings: Settings) -> None:
    text = HEAD + ("Previous Account Balance                                       2,410.00\n"
                   "Less: Incoming Payment                                        - 2,410.00\n"
                   "Current Charges                                                1,495.00\n"
                   "                                                  Total Due    1,495.00\n")
    bill = _bill(previous_balance=Decimal("2410.00"), payments=Decimal("2410.00"), current_charges=Decimal("1495.00"),
                 total_amount_due=Decimal("1495.00"))
    assert _rule(_run_layout(bill, text, settings), "total_confirmed") is False


ARREARS = HEAD + ("Previous Account Balance                                      50,200.00\n"
                  "Less: Incoming Payment                                        - 1,000.00\n"
                  "Sub Total                                                     49,200.00\n"
                  "Interest on Arrears                                              310.40\n"
                  "Current Charges (Excl. VAT)                                    2,000.00\n"
                  "VAT @ 15%                                                        300.00\n"
                  "                                                  Total Due   51,810.40\n"
                  "\n\n\n\nDetail of this period's charges\n"
                  "  Current Charges (Including VAT)                                     2,300.00\n")


def test_an_adjustment_printed_in_the_account_summary_completes_the_balance(settings: Settings) -> None:
    bill = _bill(previous_balance=Decimal("50200.00"), payments=Decimal("1000.00"), current_charges=Decimal("2300.00"),
                 total_amount_due=Decimal("51810.40"))
    res = _run_layout(bill, ARREARS, settings)
    assert _rule(res, "balance") is True and _rule(res, "total_confirmed") is True
    # Current charges that no row of the summary explains: the balance still fails.
    res = _run_layout(bill.model_copy(update={"current_charges": Decimal("2200.00")}), ARREARS, settings)
    assert _rule(res, "balance") is False


def test_the_summary_blocks_adjustment_row_is_a_balance_term_for_the_extractor() -> None:
    from minimeter.extract.rules import extract_rules

    doc = Document(pages=[Page(number=1, text=ARREARS, layout_text=ARREARS)], page_count=1)
    out = extract_rules(doc)
    assert out.bill.total_amount_due == Decimal("51810.40")
    assert out.bill.previous_balance == Decimal("50200.00") and out.bill.payments == Decimal("1000.00")
    assert out.bill.current_charges == Decimal("2300.00")
    assert out.evidence["total_amount_due"].confidence >= 0.9


def test_a_usage_printed_only_as_its_billed_parts_is_confirmed_by_them(settings: Settings) -> None:
    # Time-of-use periods each billed rate x quantity = amount; the bill prints no total kWh.
    text = HEAD + ("Total Amount Due 231.00\nConsumo (P2)   1.200 kWh x 0,125000 €/kWh   150,00\n"
                   "Consumo (P6)     810 kWh x 0,100000 €/kWh    81,00\n")
    items = [LineItem(description="Consumo (P2)", amount=Decimal("150.00"), quantity=Decimal("1200"), unit="kWh",
                      rate=Decimal("0.125000")),
             LineItem(description="Consumo (P6)", amount=Decimal("81.00"), quantity=Decimal("810"), unit="kWh",
                      rate=Decimal("0.100000"))]
    bill = _bill(total_amount_due=Decimal("231.00"), electricity_kwh=Decimal("2010"), line_items=items)
    assert _rule(_run(bill, text, settings), "usage_confirmed") is True
    other = bill.model_copy(update={"electricity_kwh": Decimal("2100")})  # not the parts' sum
    assert _rule(_run(other, text, settings), "usage_confirmed") is False


def test_a_labelled_period_as_long_as_the_span_the_bill_names_is_confirmed(settings: Settings) -> None:
    year = _bill(billing_period_start=dt.date(2023, 3, 1), billing_period_end=dt.date(2024, 2, 28))
    annual = ("Jaarafrekening\n" + NO_DAYS.replace("01/30/2024", "03/01/2023"))
    assert _rule(_run(year, annual, settings), "period_confirmed") is True
    # the same year on a bill that names no span: no monthly period, nothing confirms it
    assert _rule(_run(year, NO_DAYS.replace("01/30/2024", "03/01/2023"), settings), "period_confirmed") is False
    # a bill calling itself annual whose pair spans seven months: another period, not confirmed
    part = _bill(billing_period_start=dt.date(2023, 8, 1), billing_period_end=dt.date(2024, 2, 28))
    assert _rule(_run(part, "Jaarafrekening\n" + NO_DAYS.replace("01/30/2024", "08/01/2023"), settings),
                 "period_confirmed") is False
