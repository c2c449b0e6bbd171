"""Label wording: several synonyms per concept and language, picked per bill.

Extractors must not learn one utility's exact words, so every bill draws its own wording
(``Labels.get``); a layout can pin a wording that is characteristic of it by passing
``prefer``.
"""

from __future__ import annotations

import random

SYNONYMS: dict[str, dict[str, list[str]]] = {
    "en": {
        "amount_due": ["Total Amount Due", "Amount Due", "Total Due", "Please Pay", "Total amount you owe",
                       "Amount Due Now", "Balance Due"],
        "statement_date": ["Statement Date", "Bill Date", "Date Issued", "Billing Date", "Date Bill Issued",
                           "Date Prepared"],
        "due_date": ["Due Date", "Payment Due Date", "Please Pay By", "Pay By", "Amount Due By"],
        "account": ["Account Number", "Account No.", "Account #", "Acct No", "Your account number"],
        "period": ["Billing Period", "Service Period", "Service From", "For Service", "Billing period"],
        "previous_balance": ["Previous Balance", "Balance from last bill", "Last Bill Amount",
                             "Total charges from your last bill", "Prior Balance"],
        "payments": ["Payments Received", "Payment(s) Received - Thank You", "Payments", "Payments/Credits",
                     "Thank you for your payment"],
        "current_charges": ["Current Charges", "Total Current Charges", "New Charges",
                            "Total charges this period", "Current Month Charges"],
        "service_address": ["Service Address", "Service Location", "Service delivered to", "Premises"],
        "customer": ["Customer", "Account Name", "Customer Name", "Name"],
        "meter": ["Meter Number", "Meter #", "Meter No.", "Meter ID"],
        "rate_plan": ["Rate Schedule", "Rate", "Rate Plan", "Tariff", "Service Plan"],
        "invoice": ["Invoice Number", "Bill Number", "Invoice #", "Statement Number"],
        "customer_no": ["Customer Number", "Member Number", "Customer ID", "Member #"],
        "premise": ["Premise ID", "Service ID", "Location", "Service Point ID"],
        "next_read": ["Next Read Date", "Next scheduled read", "Next meter reading on"],
        "autopay": ["AutoPay date", "Automatic payment on", "Direct Pay date", "Bank draft date"],
        "past_due": ["Past Due Amount", "Amount Past Due", "Past due - pay immediately"],
        "credit_balance": ["Credit balance", "Credit - do not pay", "Your account is in credit"],
        "usage_elec": ["Total Usage", "Total kWh", "Electricity used", "kWh Used", "Energy Usage"],
        "usage_gas": ["Total Therms", "Gas used", "Therms Used", "Gas Usage"],
        "usage_water": ["Water Used", "Consumption", "Total Water Usage", "Usage"],
        "demand": ["Billed Demand", "Maximum Demand", "On-Peak Demand", "Demand"],
        "prior_read": ["Prior Read", "Previous Reading", "Previous", "Start Read"],
        "present_read": ["Present Read", "Current Reading", "Current", "End Read"],
        "multiplier": ["Multiplier", "Meter Multiplier", "Mult", "Constant"],
        "factor": ["Therm Factor", "BTU Factor", "Pressure Factor", "Conversion"],
        "last_month": ["Last month", "Previous month", "Last period"],
        "last_year": ["Same month last year", "Last year", "One year ago"],
        "delivered": ["Energy delivered", "kWh from utility", "Delivered"],
        "received": ["Energy received", "kWh sent to grid", "Received (exported)"],
        "net": ["Net usage", "Net kWh billed", "Net Energy"],
    },
    "fr": {
        "amount_due": ["Montant à payer", "Total à payer", "Montant total à payer", "Net à payer"],
        "statement_date": ["Date de facture", "Date d'émission", "Facture du", "Date"],
        "due_date": ["Échéance", "À payer avant le", "Date d'échéance", "Payable jusqu'au"],
        "account": ["N° de compte", "Numéro de compte", "Compte client", "N° du compte"],
        "period": ["Période de facturation", "Période de consommation", "Période"],
        "previous_balance": ["Solde précédent", "Solde antérieur", "Report de solde"],
        "payments": ["Paiements reçus", "Versements reçus", "Acomptes versés"],
        "current_charges": ["Montant de la facture", "Total de la période", "Total facture", "Total TTC"],
        "service_address": ["Lieu de consommation", "Adresse de livraison", "Point de livraison"],
        "customer": ["Titulaire", "Client", "Nom"],
        "meter": ["N° compteur", "Compteur", "Numéro de compteur"],
        "rate_plan": ["Tarif", "Offre", "Option tarifaire"],
        "invoice": ["N° de facture", "Facture n°", "Référence facture"],
        "customer_no": ["N° client", "Référence client", "Numéro client"],
        "premise": ["PDL", "Point de livraison n°", "N° installation"],
        "next_read": ["Prochain relevé", "Prochaine relève le"],
        "autopay": ["Prélèvement le", "Date de prélèvement"],
        "past_due": ["Impayé précédent", "Montant en retard"],
        "credit_balance": ["Solde créditeur", "En votre faveur"],
        "usage_elec": ["Consommation totale", "Énergie consommée", "Total kWh"],
        "usage_gas": ["Consommation gaz", "Gaz consommé"],
        "usage_water": ["Consommation eau", "Eau consommée"],
        "demand": ["Puissance souscrite", "Puissance maximale"],
        "prior_read": ["Ancien index", "Index précédent"],
        "present_read": ["Nouvel index", "Index actuel"],
        "multiplier": ["Coefficient", "Facteur"],
        "factor": ["Coefficient de conversion", "Facteur PCS"],
        "last_month": ["Mois précédent", "Période précédente"],
        "last_year": ["Même période l'an dernier", "Année précédente"],
        "delivered": ["Soutirage", "Énergie soutirée"],
        "received": ["Injection", "Énergie injectée"],
        "net": ["Consommation nette", "Net facturé"],
    },
    "de": {
        "amount_due": ["Rechnungsbetrag", "Zu zahlender Betrag", "Zahlbetrag", "Gesamtbetrag"],
        "statement_date": ["Rechnungsdatum", "Datum", "Erstellt am"],
        "due_date": ["Fällig am", "Fälligkeitsdatum", "Zahlbar bis"],
        "account": ["Vertragskonto", "Kundennummer", "Vertragskontonummer", "Konto-Nr."],
        "period": ["Abrechnungszeitraum", "Verbrauchszeitraum", "Zeitraum"],
        "previous_balance": ["Saldo Vorrechnung", "Vorheriger Saldo", "Offener Betrag Vormonat"],
        "payments": ["Zahlungseingänge", "Geleistete Zahlungen", "Erhaltene Zahlungen"],
        "current_charges": ["Summe Entgelte", "Neue Forderung", "Rechnungssumme brutto", "Summe brutto"],
        "service_address": ["Lieferstelle", "Verbrauchsstelle", "Anschlussadresse"],
        "customer": ["Kunde", "Vertragspartner", "Name"],
        "meter": ["Zählernummer", "Zähler-Nr.", "Zähler"],
        "rate_plan": ["Tarif", "Produkt", "Ihr Tarif"],
        "invoice": ["Rechnungsnummer", "Rechnungs-Nr.", "Beleg-Nr."],
        "customer_no": ["Geschäftspartner", "Partnernummer", "Kunden-ID"],
        "premise": ["Marktlokation", "Zählpunkt", "MaLo-ID"],
        "next_read": ["Nächste Ablesung", "Nächster Ablesetermin"],
        "autopay": ["Lastschrift am", "Abbuchung am"],
        "past_due": ["Rückstand", "Überfälliger Betrag"],
        "credit_balance": ["Guthaben", "Ihr Guthaben"],
        "usage_elec": ["Verbrauch", "Gesamtverbrauch", "Stromverbrauch"],
        "usage_gas": ["Gasverbrauch", "Verbrauch Gas"],
        "usage_water": ["Wasserverbrauch", "Verbrauch Wasser"],
        "demand": ["Leistung", "Höchstleistung"],
        "prior_read": ["Alter Zählerstand", "Zählerstand alt", "Anfangsstand"],
        "present_read": ["Neuer Zählerstand", "Zählerstand neu", "Endstand"],
        "multiplier": ["Wandlerfaktor", "Faktor"],
        "factor": ["Umrechnungsfaktor", "Brennwert x Zustandszahl"],
        "last_month": ["Vormonat", "Vorperiode"],
        "last_year": ["Vorjahr", "Vorjahreszeitraum"],
        "delivered": ["Bezug", "Netzbezug"],
        "received": ["Einspeisung", "Eingespeist"],
        "net": ["Saldo Verbrauch", "Netto"],
    },
}


class Labels:
    """One bill's wording: each concept gets one synonym, fixed for the whole bill."""

    def __init__(self, lang: str, rng: random.Random, prefer: dict[str, str] | None = None) -> None:
        self.lang = lang
        self.rng = rng
        self.chosen: dict[str, str] = {}
        self.prefer = prefer or {}

    def __call__(self, concept: str) -> str:
        if concept not in self.chosen:
            if concept in self.prefer and self.rng.random() < 0.6:
                self.chosen[concept] = self.prefer[concept]
            else:
                self.chosen[concept] = self.rng.choice(SYNONYMS[self.lang][concept])
        return self.chosen[concept]
