-- $1 row indexes, $2 codes, $3 values (JSON text).
INSERT INTO imp (idx, code, v) SELECT * FROM unnest($1::int[], $2::text[], $3::jsonb[])
