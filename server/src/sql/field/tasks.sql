-- The incidents dispatched to a unit and not yet closed, newest step first. $1 unit id.
SELECT * FROM incident_summaries
WHERE assigned_unit_id = $1 AND closed_at IS NULL
ORDER BY updated_at DESC, id
LIMIT 500
