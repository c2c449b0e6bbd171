-- Flags: things a person should look at. One row per finding; thresholds are parameters
-- (defaults and meaning in docs/reports.md):
--   $spike_ratio    a bill's per-day usage or cost at least this many times the trailing average
--   $min_history    ... of at least this many earlier bills (up to 6) of the same account
--   $rate_jump_pct  effective rate up by at least this many percent on the previous bill's rate
--   $account        NULL for all accounts
WITH
daily_usage AS (
    SELECT
        *,
        quantity / days AS per_day,
        avg(quantity / days) OVER w AS trailing_avg,
        count(*) OVER w AS history
    FROM bill_commodity
    WHERE days IS NOT NULL
    WINDOW w AS (PARTITION BY account_number, provider_key, commodity ORDER BY period_start, bill_id
                 ROWS BETWEEN 6 PRECEDING AND 1 PRECEDING)
),
daily_cost AS (
    SELECT
        *,
        cost / days AS per_day,
        avg(cost / days) OVER w AS trailing_avg,
        count(*) OVER w AS history
    FROM usage
    WHERE days IS NOT NULL AND cost IS NOT NULL
    WINDOW w AS (PARTITION BY account_number, provider_key ORDER BY period_start, bill_id
                 ROWS BETWEEN 6 PRECEDING AND 1 PRECEDING)
),
periods AS (
    SELECT
        *,
        lag(period_end) OVER w AS previous_end,
        lag(job_id) OVER w AS previous_job
    FROM usage
    WHERE days IS NOT NULL
    WINDOW w AS (PARTITION BY account_number, provider_key ORDER BY period_start, period_end, bill_id)
),
found AS (
    SELECT 'usage_spike' AS flag, account_number AS account, provider, period_start, period_end,
           [job_id] AS job_ids, per_day AS value, trailing_avg AS baseline,
           format('{} use {:.3f} {}/day is {:.2f}x the average {:.3f} of the {} bills before',
                  commodity, per_day, unit, per_day / trailing_avg, trailing_avg, history) AS detail
    FROM daily_usage
    WHERE history >= $min_history AND trailing_avg > 0 AND per_day >= $spike_ratio * trailing_avg

    UNION ALL
    SELECT 'cost_spike', account_number, provider, period_start, period_end,
           [job_id], per_day, trailing_avg,
           format('cost {:.2f}/day is {:.2f}x the average {:.2f} of the {} bills before',
                  per_day, per_day / trailing_avg, trailing_avg, history)
    FROM daily_cost
    WHERE history >= $min_history AND trailing_avg > 0 AND per_day >= $spike_ratio * trailing_avg

    UNION ALL
    SELECT 'rate_jump', account_number, provider, period_start, period_end,
           [job_id], rate, previous_rate,
           format('{} rate {:.4f} per {} is up {:.1f} % on the previous bill''s {:.4f}',
                  commodity, rate, unit, 100 * (rate / previous_rate - 1), previous_rate)
    FROM bill_rate
    WHERE previous_rate > 0 AND rate >= previous_rate * (1 + $rate_jump_pct / 100)

    UNION ALL
    -- A period that starts on the day the previous one ended is the "shared boundary day"
    -- convention, not an overlap; a start the day after is seamless too.
    SELECT 'gap', account_number, provider, previous_end + 1, period_start - 1,
           [previous_job, job_id], period_start - previous_end - 1, NULL,
           format('{} days between the period ending {} and the next starting {}',
                  period_start - previous_end - 1, CAST(previous_end AS VARCHAR), CAST(period_start AS VARCHAR))
    FROM periods
    WHERE period_start > previous_end + 1

    UNION ALL
    SELECT 'overlap', account_number, provider, period_start, previous_end,
           [previous_job, job_id], previous_end - period_start + 1, NULL,
           format('the period starting {} overlaps the previous one (ending {}) by {} days',
                  CAST(period_start AS VARCHAR), CAST(previous_end AS VARCHAR), previous_end - period_start + 1)
    FROM periods
    WHERE period_start < previous_end

    UNION ALL
    SELECT 'duplicate', account_number, provider, billing_period_start, billing_period_end,
           all_jobs, copies, NULL,
           format('job {} is the same bill as job {} (same provider, account, period and total {}); counted once',
                  job_id, first_job, CAST(CAST(COALESCE(total_amount_due, current_charges) AS DECIMAL(18, 2)) AS VARCHAR))
    FROM (
        SELECT *,
               list_sort(list(job_id) OVER (PARTITION BY same_bill_key)) AS all_jobs,
               min(job_id) OVER (PARTITION BY same_bill_key) AS first_job
        FROM bill_ranked
    )
    WHERE copy_no > 1

    UNION ALL
    SELECT 'needs_review', account_number, provider, billing_period_start, billing_period_end,
           [job_id], NULL, NULL, 'waiting for review (its numbers are included as extracted)'
    FROM bill
    WHERE pending_review
)
SELECT
    flag,
    account,
    provider,
    period_start,
    period_end,
    job_ids,
    CAST(round(value, 4) AS DECIMAL(18, 4)) AS value,
    CAST(round(baseline, 4) AS DECIMAL(18, 4)) AS baseline,
    detail
FROM found
WHERE $account IS NULL OR account = $account
ORDER BY account NULLS LAST, provider, period_start NULLS LAST, flag, job_ids;
