-- Year-over-year: each month against the same calendar month a year earlier, per account and
-- provider; only months that have a year-earlier month. Parameters: $account (NULL for all).
SELECT
    cur.account,
    cur.provider,
    cur.month,
    prev.month                                                       AS previous_month,
    cur.days,
    prev.days                                                        AS previous_days,
    CAST(round(cur.kwh, 3) AS DECIMAL(18, 3))                        AS kwh,
    CAST(round(prev.kwh, 3) AS DECIMAL(18, 3))                       AS previous_kwh,
    CAST(round(100 * (cur.kwh / NULLIF(prev.kwh, 0) - 1), 1) AS DECIMAL(18, 1))       AS kwh_change_pct,
    CAST(round(cur.therms, 3) AS DECIMAL(18, 3))                     AS therms,
    CAST(round(prev.therms, 3) AS DECIMAL(18, 3))                    AS previous_therms,
    CAST(round(100 * (cur.therms / NULLIF(prev.therms, 0) - 1), 1) AS DECIMAL(18, 1)) AS therms_change_pct,
    CAST(round(cur.cost, 2) AS DECIMAL(18, 2))                       AS cost,
    CAST(round(prev.cost, 2) AS DECIMAL(18, 2))                      AS previous_cost,
    CAST(round(100 * (cur.cost / NULLIF(prev.cost, 0) - 1), 1) AS DECIMAL(18, 1))     AS cost_change_pct
FROM monthly AS cur
JOIN monthly AS prev
  ON prev.account IS NOT DISTINCT FROM cur.account
 AND prev.provider_key = cur.provider_key
 AND prev.month_start = cur.month_start - INTERVAL 1 YEAR
WHERE $account IS NULL OR cur.account = $account
ORDER BY cur.account NULLS LAST, cur.provider_key, cur.month;
