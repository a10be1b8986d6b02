-- Lock every grid of a community (a partition, an import or a restore redraws them all). $1 community id.
SELECT id, code, type, version FROM grids WHERE community_id = $1 ORDER BY id FOR UPDATE
