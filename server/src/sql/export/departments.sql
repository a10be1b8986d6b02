-- Departments: a register without geometry.
SELECT d.id, d.code, d.name, d.name_zh, d.phone, NULL::geometry AS geom
FROM departments d
