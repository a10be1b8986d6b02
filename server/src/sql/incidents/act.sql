-- Moves an incident one step through the closed loop, with its history row and outbox event,
-- in one statement. The caller has checked the transition against the status it read; the
-- WHERE clauses re-check that nothing changed since (optimistic: no row back = changed, or the
-- unit was not free).
-- $1 id, $2 expected version, $3 expected status, $4 action, $5 new status, $6 closed (bool),
-- $7 unit or NULL (keep), $8 duplicate_of or NULL (keep), $9 evaluation or NULL (keep),
-- $10 department or NULL (keep), $11 actor, $12 note, $13 lon, $14 lat, $15 deadlines, $16 lock key,
-- $17 the step's photos (jsonb array, stage after): kept on the history row and added to the incident's
-- Units: dispatch claims the unit (on patrol → responding) in this statement, and the incident
-- moves only if the claim succeeded, so of two dispatches of one unit exactly one wins (the
-- loser waits on the unit's row lock, then finds it responding). An off-duty unit is never
-- claimed. Handling, rejecting, marking a duplicate or sending back frees the unit (responding →
-- on patrol) only when it has no other active incident; so does dispatching the incident to
-- another unit. `prev` reads the incident as it was before this statement's update.
WITH prev AS (SELECT assigned_unit_id FROM incidents WHERE id = $1),
target AS (SELECT id FROM incidents WHERE id = $1 AND version = $2 AND status = $3 FOR UPDATE),
claim AS (
  UPDATE patrol_units p SET status = 'responding'
  FROM target
  WHERE $4 = 'dispatch' AND p.id = $7::int
    AND (p.status = 'on_patrol'
      OR (p.status = 'responding' AND p.id = (SELECT assigned_unit_id FROM prev)
          AND NOT EXISTS (SELECT 1 FROM incidents o WHERE o.assigned_unit_id = p.id AND o.id <> $1
                            AND o.status IN ('dispatched', 'escalated'))))
  RETURNING p.id, p.code, p.status
),
upd AS (
  UPDATE incidents SET
    status = $5,
    updated_at = clock_timestamp(),
    closed_at = CASE WHEN $6 THEN clock_timestamp() ELSE NULL END,
    assigned_unit_id = CASE WHEN $4 = 'send_back' THEN NULL ELSE coalesce($7, assigned_unit_id) END,
    duplicate_of = coalesce($8, duplicate_of),
    evaluation = coalesce($9, evaluation),
    department = coalesce($10, department),
    overdue_notified_at = NULL,
    photos = photos || $17::jsonb,
    version = version + 1
  WHERE id = $1 AND version = $2 AND status = $3
    AND ($4 <> 'dispatch' OR $7::int IS NULL OR EXISTS (SELECT 1 FROM claim))
  RETURNING *
),
hist AS (
  INSERT INTO incident_history (incident_id, action, from_status, to_status, actor, note, at, geom, photos)
  SELECT upd.id, $4, $3, $5, $11, $12, upd.updated_at,
         CASE WHEN $13::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($13, $14), 4326) END, $17::jsonb
  FROM upd
  RETURNING *
),
release AS (
  UPDATE patrol_units p SET status = 'on_patrol'
  FROM upd, prev
  WHERE p.id = prev.assigned_unit_id AND p.status = 'responding'
    AND ($4 IN ('handle', 'reject', 'mark_duplicate', 'send_back') OR ($4 = 'dispatch' AND $7::int <> p.id))
    AND NOT EXISTS (SELECT 1 FROM incidents o WHERE o.assigned_unit_id = p.id AND o.id <> $1
                      AND o.status IN ('dispatched', 'escalated'))
  RETURNING p.id, p.code, p.status
),
unit_ev AS (
  INSERT INTO events (type, payload, district_id, community_id)
  SELECT 'unit.changed', jsonb_build_object('unit', jsonb_build_object('id', unit.id, 'code', unit.code, 'status', unit.status, 'incident_id', upd.id)),
         upd.district_id, upd.community_id
  FROM (SELECT * FROM claim UNION ALL SELECT * FROM release) AS unit, upd, (SELECT pg_advisory_xact_lock($16)) AS ordered
),
ev AS (
  INSERT INTO events (type, payload, district_id, community_id)
  SELECT 'incident.updated',
         jsonb_build_object('incident', incident_summary(upd, $15), 'history', history_entry(hist)),
         upd.district_id, upd.community_id
  FROM upd, hist, (SELECT pg_advisory_xact_lock($16)) AS ordered
  RETURNING seq, payload
)
SELECT payload->'incident' AS incident, payload->'history' AS history, seq FROM ev;
