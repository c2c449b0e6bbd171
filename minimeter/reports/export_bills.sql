-- Export: one row per current bill version (jobs not DISCARDED). Column names are stable
-- (docs/reports.md). duplicate_of_job_id names the first job of the same bill when this one
-- is a second copy (same provider + account + period + total).
SELECT
    bill_id,
    job_id,
    version,
    job_status,
    source,
    sha256,
    original_name,
    provider,
    provider_id,
    account_number,
    customer_name,
    service_address,
    statement_date,
    due_date,
    billing_period_start,
    billing_period_end,
    CASE WHEN billing_period_start <= billing_period_end
         THEN billing_period_end - billing_period_start + 1 END AS days,
    currency,
    total_amount_due,
    current_charges,
    previous_balance,
    payments,
    electricity_kwh,
    gas_therms,
    gas_usage,
    gas_usage_unit,
    water_usage,
    water_usage_unit,
    demand_kw,
    meter_number,
    rate_plan,
    extractor,
    confidence,
    created_at,
    CASE WHEN copy_no > 1 THEN min(job_id) OVER (PARTITION BY same_bill_key) END AS duplicate_of_job_id
FROM bill_ranked
ORDER BY account_number NULLS LAST, billing_period_start NULLS LAST, job_id
