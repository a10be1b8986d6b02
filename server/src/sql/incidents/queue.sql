-- The operator's live queue: open incidents with the due time of their current step.
-- $1 deadlines as {grade: {status: minutes}}, $2 status or NULL, $3 grade or NULL,
-- $4 category or NULL, $5 district or NULL, $6 community or NULL, $7 limit, $8 overdue only
WITH q AS (
  SELECT s.*,
         s.updated_at + make_interval(mins => ($1::jsonb -> s.grade ->> s.status)::int) AS due_at
  FROM incident_summaries s
  JOIN incidents i ON i.id = s.id
  WHERE i.closed_at IS NULL
    AND ($2::text IS NULL OR s.status = $2)
    AND ($3::text IS NULL OR s.grade = $3)
    AND ($4::text IS NULL OR s.category = $4)
    AND ($5::int IS NULL OR s.district_id = $5)
    AND ($6::int IS NULL OR s.community_id = $6)
)
SELECT q.*, (q.due_at < now()) AS overdue
FROM q
WHERE NOT $8 OR q.due_at < now()
ORDER BY (q.due_at < now()) DESC,
         CASE q.grade WHEN 'difficult' THEN 3 WHEN 'key' THEN 2 ELSE 1 END DESC,
         q.due_at ASC NULLS LAST
LIMIT $7;
