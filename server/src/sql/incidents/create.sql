-- Stores a field report once: the id is chosen by the device, so a retried report is a no-op
-- (ON CONFLICT DO NOTHING returns no row). The grid, community, street office and district
-- come from a spatial join at report time.
-- $1 id, $2 category, $3 grade, $4 source, $5 description, $6 photos, $7 reported_by,
-- $8 reported_at, $9 lon, $10 lat
WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($9, $10), 4326) AS geom),
loc AS (
  SELECT g.id AS grid_id, c.id AS community_id, s.id AS street_office_id, s.district_id
  FROM grids g
  JOIN communities c ON c.id = g.community_id
  JOIN street_offices s ON s.id = c.street_office_id, pt
  WHERE ST_Covers(g.geom, pt.geom)
  ORDER BY g.id
  LIMIT 1
)
INSERT INTO incidents (id, category, grade, status, source, description, photos, reported_by, reported_at, updated_at,
                       grid_id, community_id, street_office_id, district_id, geom)
SELECT $1, $2, $3, 'reported', $4, $5, $6, $7, $8, $8,
       loc.grid_id, loc.community_id, loc.street_office_id, loc.district_id, pt.geom
FROM pt LEFT JOIN loc ON true
ON CONFLICT (id) DO NOTHING
RETURNING id;
