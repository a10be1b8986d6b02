-- Patrol teams with their street office's code.
SELECT u.id, u.code, u.name, u.phone, u.status, s.code AS street_office_code, NULL::geometry AS geom
FROM patrol_units u
LEFT JOIN street_offices s ON s.id = u.street_office_id
WHERE u.kind = 'patrol_team'
