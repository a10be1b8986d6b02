-- Lock a community for an edit (edits of one community run one after another; others in parallel).
-- $1 community id.
SELECT c.id, c.code, c.name_zh, c.kind, c.street_office_id, s.district_id
FROM communities c JOIN street_offices s ON s.id = c.street_office_id
WHERE c.id = $1
FOR UPDATE OF c
