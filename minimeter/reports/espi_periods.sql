-- Green Button export: usage per billing period, per account, provider and commodity
-- (second copies of the same bill left out). cost only for single-commodity bills, since a
-- dual-fuel total cannot be split between fuels.
SELECT
    account_number,
    provider,
    provider_key,
    commodity,
    unit,
    period_start,
    period_end,
    days,
    quantity,
    CASE WHEN commodities = 1 THEN cost END AS cost,
    currency,
    pending_review,
    job_id
FROM bill_commodity
WHERE days IS NOT NULL AND ($account IS NULL OR account_number = $account)
ORDER BY account_number NULLS LAST, provider_key, commodity, period_start, bill_id
