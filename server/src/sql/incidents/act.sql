-- Moves an incident one step through the closed loop, with its history row and outbox event,
-- in one statement. The caller has checked the transition against the status it read; the
-- WHERE clause re-checks that nothing changed since (optimistic: no row back = changed).
-- $1 id, $2 expected version, $3 expected status, $4 action, $5 new status, $6 closed (bool),
-- $7 unit or NULL (keep), $8 duplicate_of or NULL (keep), $9 evaluation or NULL (keep),
-- $10 department or NULL (keep), $11 actor, $12 note, $13 lon, $14 lat, $15 deadlines, $16 lock key,
-- $17 the step's photos (jsonb array, stage after): kept on the history row and added to the incident's
-- send_back clears the assigned unit and frees it (responding → on patrol): `prev` reads the
-- unit as it was before this statement's update (every part of one statement sees one snapshot).
WITH prev AS (SELECT assigned_unit_id FROM incidents WHERE id = $1),
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
  RETURNING *
),
hist AS (
  INSERT INTO incident_history (incident_id, action, from_status, to_status, actor, note, at, geom, photos)
  SELECT upd.id, $4, $3, $5, $11, $12, upd.updated_at,
         CASE WHEN $13::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($13, $14), 4326) END, $17::jsonb
  FROM upd
  RETURNING *
),
-- A dispatched unit is responding until the incident is handled (or dropped): the unit's status
-- changes with the incident, with its own event, in this same statement.
unit AS (
  UPDATE patrol_units p SET status = CASE WHEN $4 = 'dispatch' THEN 'responding' ELSE 'on_patrol' END
  FROM upd, prev
  WHERE p.id = coalesce(upd.assigned_unit_id, prev.assigned_unit_id)
    AND (($4 = 'dispatch' AND $7::int IS NOT NULL AND p.status <> 'responding')
      OR ($4 IN ('handle', 'reject', 'mark_duplicate', 'send_back') AND p.status = 'responding'))
  RETURNING p.id, p.code, p.status
),
unit_ev AS (
  INSERT INTO events (type, payload, district_id, community_id)
  SELECT 'unit.changed', jsonb_build_object('unit', jsonb_build_object('id', unit.id, 'code', unit.code, 'status', unit.status, 'incident_id', upd.id)),
         upd.district_id, upd.community_id
  FROM unit, upd, (SELECT pg_advisory_xact_lock($16)) AS ordered
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
