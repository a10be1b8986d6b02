-- Photos by id (for GET and for attaching them to reports). $1 uuid[]
SELECT * FROM media WHERE id = ANY ($1::uuid[]);
