-- Effective cost per kWh / per therm of each single-commodity bill, and the change against
-- the account's previous bill of the same commodity. Parameters: $account (NULL for all).
SELECT
    account_number                                         AS account,
    provider,
    commodity,
    unit,
    period_start,
    period_end,
    days,
    CAST(quantity AS DECIMAL(18, 3))                       AS quantity,
    CAST(cost AS DECIMAL(18, 2))                           AS cost,
    CAST(round(rate, 4) AS DECIMAL(18, 4))                 AS rate,
    CAST(round(previous_rate, 4) AS DECIMAL(18, 4))        AS previous_rate,
    CAST(round(100 * (rate / previous_rate - 1), 1) AS DECIMAL(18, 1)) AS change_pct,
    job_id
FROM bill_rate
WHERE $account IS NULL OR account_number = $account
ORDER BY account_number NULLS LAST, provider_key, commodity, sort_date, bill_id;
