-- Usage and cost per account, provider and calendar month (billing periods prorated by days).
-- Parameters: $account (NULL for all).
SELECT
    account,
    provider,
    month,
    bills,
    days,
    CAST(round(kwh, 3) AS DECIMAL(18, 3))              AS kwh,
    CAST(round(therms, 3) AS DECIMAL(18, 3))           AS therms,
    CAST(round(cost, 2) AS DECIMAL(18, 2))             AS cost,
    CAST(round(cost_per_kwh, 4) AS DECIMAL(18, 4))     AS cost_per_kwh,
    CAST(round(cost_per_therm, 4) AS DECIMAL(18, 4))   AS cost_per_therm,
    pending_review,
    currency
FROM monthly
WHERE $account IS NULL OR account = $account
ORDER BY account NULLS LAST, provider_key, month;
