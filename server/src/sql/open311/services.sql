-- The incident categories as Open311 services, with the department that handles each (if any).
-- $1 one code, or NULL for all.
SELECT c.code, c.name, c.name_zh, d.name AS department, d.name_zh AS department_zh
FROM categories c LEFT JOIN departments d ON d.id = c.department_id
WHERE $1::text IS NULL OR c.code = $1
ORDER BY c.id
