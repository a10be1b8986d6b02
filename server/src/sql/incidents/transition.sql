-- Moves an incident to a new status (the caller checked the transition and holds the row lock).
-- $1 id, $2 new status, $3 closed (bool), $4 assigned unit or NULL (keep), $5 duplicate_of or NULL (keep),
-- $6 evaluation or NULL (keep), $7 department or NULL (keep)
UPDATE incidents SET
  status = $2,
  updated_at = clock_timestamp(),
  closed_at = CASE WHEN $3 THEN clock_timestamp() ELSE NULL END,
  assigned_unit_id = coalesce($4, assigned_unit_id),
  duplicate_of = coalesce($5, duplicate_of),
  evaluation = coalesce($6, evaluation),
  department = coalesce($7, department),
  overdue_notified_at = NULL,
  version = version + 1
WHERE id = $1;
