-- The one shape in which incidents travel to screens (events, lists, snapshots).
CREATE VIEW incident_summaries AS
SELECT i.id, i.category, i.grade, i.status, i.source, i.description,
       i.reported_at, i.updated_at, i.closed_at, i.grid_id, i.community_id, i.street_office_id, i.district_id,
       i.assigned_unit_id, i.duplicate_of, i.version, i.reported_by, i.photos, i.evaluation, i.department,
       ST_X(i.geom) AS lon, ST_Y(i.geom) AS lat
FROM incidents i;
