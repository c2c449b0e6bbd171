-- Export: the meters of every exported bill, one row per meter (idx = position on the bill).
SELECT
    m.bill_id,
    b.job_id,
    b.account_number,
    b.billing_period_start,
    b.billing_period_end,
    m.idx,
    m.number,
    m.commodity,
    TRY_CAST(m.prior_read AS DECIMAL(18, 6))   AS prior_read,
    TRY_CAST(m.present_read AS DECIMAL(18, 6)) AS present_read,
    TRY_CAST(m.multiplier AS DECIMAL(18, 6))   AS multiplier,
    TRY_CAST(m.usage AS DECIMAL(18, 6))        AS usage,
    m.unit
FROM s.meters AS m
JOIN bill AS b ON b.bill_id = m.bill_id
ORDER BY b.account_number NULLS LAST, b.billing_period_start NULLS LAST, b.job_id, m.idx
