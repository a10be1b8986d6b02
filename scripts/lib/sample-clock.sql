-- Moves the sample city's timeline forward by $1 (an interval): incidents and their history,
-- GPS tracks, planned routes, visits and photos keep their ages relative to "now", so a sample
-- loaded yesterday opens as a working day and not as a backlog that nobody touched for a day.
-- Only ever run on a sample city (the caller checks city_source), inside one transaction.
-- History is append-only for users; this is the one maintenance path allowed to move it, and
-- it moves every row by the same amount, so the order and the gaps of every loop stay as they were.
ALTER TABLE incident_history DISABLE TRIGGER incident_history_no_update;
UPDATE incident_history SET at = at + $1::interval;
ALTER TABLE incident_history ENABLE TRIGGER incident_history_no_update;
UPDATE incidents SET reported_at = reported_at + $1::interval,
                     updated_at = updated_at + $1::interval,
                     closed_at = closed_at + $1::interval,
                     overdue_notified_at = overdue_notified_at + $1::interval;
-- (unit_id, t) is unique and checked row by row: a fix moved onto a time another fix of the
-- unit still holds would collide. Far into the future first (past every fix), then back.
UPDATE patrol_fixes SET t = t + interval '1000 years', received_at = received_at + $1::interval;
UPDATE patrol_fixes SET t = t - interval '1000 years' + $1::interval;
UPDATE patrol_units SET last_fix_at = last_fix_at + $1::interval WHERE last_fix_at IS NOT NULL;
UPDATE patrol_routes SET starts_at = starts_at + $1::interval, ends_at = ends_at + $1::interval,
                         created_at = created_at + $1::interval;
UPDATE patrol_checkpoints SET window_start = window_start + $1::interval, window_end = window_end + $1::interval;
UPDATE visits SET visited_at = visited_at + $1::interval, received_at = received_at + $1::interval;
UPDATE media SET taken_at = taken_at + $1::interval, created_at = created_at + $1::interval;
UPDATE open311_requests SET received_at = received_at + $1::interval;
