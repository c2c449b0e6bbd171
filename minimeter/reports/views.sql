-- Typed views over the MiniMeter store's tables (schema `s`: jobs, bills, meters, line_items),
-- read by every report. Outside MiniMeter: ATTACH 'minimeter.db' AS s (TYPE sqlite, READ_ONLY).
-- Definitions and thresholds are documented in docs/reports.md.
--
-- Conventions
--   * Only the current version of each bill (bills.is_current = 1) of jobs that were not
--     DISCARDED. Bills still NEEDS_REVIEW are included and marked (pending_review).
--   * Money and quantities are TEXT decimals in SQLite: cast to DECIMAL (unparseable -> NULL).
--   * A billing period covers both its start and its end date: days = end - start + 1.
--   * cost = current_charges, else total_amount_due (which may include an old balance).

CREATE OR REPLACE TEMP VIEW bill AS
SELECT
    b.id                                              AS bill_id,
    b.job_id,
    b.version,
    j.status                                          AS job_status,
    j.status = 'NEEDS_REVIEW'                         AS pending_review,
    b.source,
    j.sha256,
    j.original_name,
    NULLIF(trim(b.provider), '')                      AS provider,
    NULLIF(trim(b.provider_id), '')                   AS provider_id,
    -- Same provider = same profile id when one matched, else the same name (case-insensitive).
    COALESCE(NULLIF(trim(b.provider_id), ''), lower(NULLIF(trim(b.provider), '')), '?') AS provider_key,
    NULLIF(trim(b.account_number), '')                AS account_number,
    b.customer_name,
    b.service_address,
    TRY_CAST(b.statement_date AS DATE)                AS statement_date,
    TRY_CAST(b.due_date AS DATE)                      AS due_date,
    TRY_CAST(b.billing_period_start AS DATE)          AS billing_period_start,
    TRY_CAST(b.billing_period_end AS DATE)            AS billing_period_end,
    b.currency,
    TRY_CAST(b.total_amount_due AS DECIMAL(18, 4))    AS total_amount_due,
    TRY_CAST(b.current_charges AS DECIMAL(18, 4))     AS current_charges,
    TRY_CAST(b.previous_balance AS DECIMAL(18, 4))    AS previous_balance,
    TRY_CAST(b.payments AS DECIMAL(18, 4))            AS payments,
    TRY_CAST(b.electricity_kwh AS DECIMAL(18, 6))     AS electricity_kwh,
    TRY_CAST(b.gas_therms AS DECIMAL(18, 6))          AS gas_therms,
    TRY_CAST(b.gas_usage AS DECIMAL(18, 6))           AS gas_usage,
    b.gas_usage_unit,
    TRY_CAST(b.water_usage AS DECIMAL(18, 6))         AS water_usage,
    b.water_usage_unit,
    TRY_CAST(b.demand_kw AS DECIMAL(18, 6))           AS demand_kw,
    b.meter_number,
    b.rate_plan,
    b.extractor,
    b.confidence,
    b.created_at
FROM s.bills AS b
JOIN s.jobs AS j ON j.id = b.job_id
WHERE b.is_current = 1
  AND j.status <> 'DISCARDED';

-- The same bill twice with different bytes: same provider + account + period + total.
-- copy_no = 1 is the first one received (lowest job id); later copies are left out of the
-- numbers and reported by the `duplicate` flag.
CREATE OR REPLACE TEMP VIEW bill_copies AS
SELECT
    *,
    CASE
        WHEN account_number IS NULL OR billing_period_start IS NULL OR billing_period_end IS NULL
             OR COALESCE(total_amount_due, current_charges) IS NULL
            THEN 'bill:' || bill_id
        ELSE concat_ws('|', provider_key, account_number, billing_period_start, billing_period_end,
                       CAST(COALESCE(total_amount_due, current_charges) AS VARCHAR))
    END AS same_bill_key
FROM bill;

CREATE OR REPLACE TEMP VIEW bill_ranked AS
SELECT
    *,
    row_number() OVER (PARTITION BY same_bill_key ORDER BY job_id) AS copy_no,
    count(*) OVER (PARTITION BY same_bill_key) AS copies
FROM bill_copies;

-- One row per distinct bill with what the reports need.
CREATE OR REPLACE TEMP VIEW usage AS
SELECT
    bill_id,
    job_id,
    pending_review,
    provider_key,
    provider,
    account_number,
    currency,
    billing_period_start AS period_start,
    billing_period_end AS period_end,
    statement_date,
    CASE WHEN billing_period_start <= billing_period_end
         THEN billing_period_end - billing_period_start + 1 END AS days,
    -- Where a bill sits in its account's sequence when its period is missing or unusable.
    COALESCE(CASE WHEN billing_period_start <= billing_period_end THEN billing_period_start END,
             billing_period_end, statement_date) AS sort_date,
    electricity_kwh AS kwh,
    COALESCE(gas_therms,
             CASE WHEN lower(trim(gas_usage_unit)) IN ('therm', 'therms', 'thm') THEN gas_usage END) AS therms,
    COALESCE(current_charges, total_amount_due) AS cost,
    (electricity_kwh IS NOT NULL)::INTEGER
      + (COALESCE(gas_therms,
                  CASE WHEN lower(trim(gas_usage_unit)) IN ('therm', 'therms', 'thm') THEN gas_usage END)
         IS NOT NULL)::INTEGER AS commodities
FROM bill_ranked
WHERE copy_no = 1;

-- Each bill cut into calendar months by days. A bill without a usable period counts whole in
-- the month of its period end (else its statement date); bills with neither are left out.
CREATE OR REPLACE TEMP VIEW month_piece AS
WITH spans AS (
    SELECT
        *,
        CASE WHEN days IS NOT NULL
             THEN generate_series(date_trunc('month', period_start), date_trunc('month', period_end),
                                  INTERVAL 1 MONTH)
             ELSE [date_trunc('month', COALESCE(period_end, statement_date))] END AS months
    FROM usage
    WHERE days IS NOT NULL OR COALESCE(period_end, statement_date) IS NOT NULL
), cut AS (
    SELECT *, CAST(unnest(months) AS DATE) AS month FROM spans
)
SELECT
    bill_id, job_id, pending_review, provider_key, provider, account_number, currency, commodities,
    month,
    CASE WHEN days IS NOT NULL
         THEN least(period_end, last_day(month)) - greatest(period_start, month) + 1 END AS month_days,
    CASE WHEN days IS NOT NULL
         THEN (least(period_end, last_day(month)) - greatest(period_start, month) + 1) / days
         ELSE 1.0 END AS share,
    kwh, therms, cost
FROM cut;

-- Usage and cost per account, provider and calendar month.
CREATE OR REPLACE TEMP VIEW monthly AS
SELECT
    account_number AS account,
    provider_key,
    any_value(provider ORDER BY bill_id DESC) AS provider,
    strftime(month, '%Y-%m') AS month,
    month AS month_start,
    count(DISTINCT bill_id) AS bills,
    sum(month_days) AS days,
    sum(kwh * share) AS kwh,
    sum(therms * share) AS therms,
    sum(cost * share) AS cost,
    -- Effective rates only from single-commodity bills: a dual-fuel total cannot be split.
    sum(CASE WHEN commodities = 1 AND kwh IS NOT NULL THEN cost * share END)
      / NULLIF(sum(CASE WHEN commodities = 1 AND kwh IS NOT NULL AND cost IS NOT NULL THEN kwh * share END), 0)
      AS cost_per_kwh,
    sum(CASE WHEN commodities = 1 AND therms IS NOT NULL THEN cost * share END)
      / NULLIF(sum(CASE WHEN commodities = 1 AND therms IS NOT NULL AND cost IS NOT NULL THEN therms * share END), 0)
      AS cost_per_therm,
    count(DISTINCT CASE WHEN pending_review THEN bill_id END) AS pending_review,
    string_agg(DISTINCT currency, ',') AS currency
FROM month_piece
GROUP BY account_number, provider_key, month;

-- One row per distinct bill and commodity it meters, with its effective rate.
CREATE OR REPLACE TEMP VIEW bill_commodity AS
SELECT bill_id, job_id, pending_review, provider_key, provider, account_number, currency, period_start,
       period_end, days, sort_date, 'electricity' AS commodity, 'kWh' AS unit, kwh AS quantity, cost, commodities
FROM usage WHERE kwh IS NOT NULL
UNION ALL
SELECT bill_id, job_id, pending_review, provider_key, provider, account_number, currency, period_start,
       period_end, days, sort_date, 'gas' AS commodity, 'therms' AS unit, therms AS quantity, cost, commodities
FROM usage WHERE therms IS NOT NULL;

-- Effective rate of each single-commodity bill (a dual-fuel total cannot be split between
-- fuels) and the rate of the account's previous such bill of the same commodity.
CREATE OR REPLACE TEMP VIEW bill_rate AS
SELECT
    *,
    lag(rate) OVER (PARTITION BY account_number, provider_key, commodity ORDER BY sort_date, bill_id)
        AS previous_rate
FROM (
    SELECT *, cost / quantity AS rate
    FROM bill_commodity
    WHERE commodities = 1 AND quantity > 0 AND cost IS NOT NULL
);
