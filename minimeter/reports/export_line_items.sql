-- Export: the line items (charges and credits) of every exported bill, one row per item.
SELECT
    li.bill_id,
    b.job_id,
    b.account_number,
    b.billing_period_start,
    b.billing_period_end,
    li.idx,
    li.description,
    li.category,
    TRY_CAST(li.amount AS DECIMAL(18, 4))   AS amount,
    TRY_CAST(li.quantity AS DECIMAL(18, 6)) AS quantity,
    li.unit,
    TRY_CAST(li.rate AS DECIMAL(18, 6))     AS rate
FROM s.line_items AS li
JOIN bill AS b ON b.bill_id = li.bill_id
ORDER BY b.account_number NULLS LAST, b.billing_period_start NULLS LAST, b.job_id, li.idx
