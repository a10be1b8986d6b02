-- Districts as the importer reads them back (contract LAYER_COLUMNS.districts). Outer rings
-- counter-clockwise (RFC 7946), as the importer stores them. `id` orders the pages.
SELECT d.id, d.code, d.name, d.name_zh, ST_ForcePolygonCCW(d.geom) AS geom
FROM districts d
