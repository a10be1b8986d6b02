-- Incident categories with their department's code (the importer finds the department by it).
SELECT c.id, c.code, c.name, c.name_zh, d.code AS department_code, NULL::geometry AS geom
FROM categories c
LEFT JOIN departments d ON d.id = c.department_id
