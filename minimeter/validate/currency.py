"""``currency_confirmed``: a bill is accepted only in a currency the page confirms.

The amounts are worth nothing in the wrong currency, and a sign several currencies print ("$", "Rs",
"kr") does not say which: a New Zealand bill's "$" read as USD is as wrong as a misread total. The rule
passes when the page prints the currency's own sign or ISO code ("NZ$", "USD", "€"), names its country
(a state and ZIP, a tax name: ``[countries]`` cues) more than any other of the sign's family, or names
a utility that bills in it (a profile, or the list of known utilities), and the page does not print
another currency of the sign's family by its own sign; or when a person set it in review. It does not
apply (``passed`` None) to a bill with no currency (nothing to be wrong) or no document to read. Otherwise
it fails, naming the sign that left it open, for every extractor alike (see ``extract/currency.confirmation``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from minimeter.extract import currency
from minimeter.extract.profiles import get as profile_by_id
from minimeter.schema import CheckResult

if TYPE_CHECKING:
    from minimeter.readers.base import Document
    from minimeter.schema import BillNormalized, ExtractionResult


def currency_confirmed(bill: BillNormalized, result: ExtractionResult | None = None, doc: Document | None = None,
                       **_: object) -> CheckResult:
    code = bill.currency
    if not code:
        return CheckResult(rule="currency_confirmed", passed=None, message="no currency read")
    ev = result.evidence.get("currency") if result is not None else None
    if ev is not None and ev.source == "human":
        return CheckResult(rule="currency_confirmed", passed=True, message="set in review")
    if doc is None:
        return CheckResult(rule="currency_confirmed", passed=None, message="no document")
    profile = profile_by_id(bill.provider_id) if bill.provider_id else None
    basis = currency.confirmation(doc.text, code, profile)
    if basis:
        return CheckResult(rule="currency_confirmed", passed=True, message=basis)
    return CheckResult(rule="currency_confirmed", passed=False, fields=["currency"],
                       message=f"{code} is read from a sign several currencies print, and the page names no "
                               "country or utility that settles it: confirm the currency")


RULES = [currency_confirmed]
