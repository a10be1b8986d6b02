-- Grid codes already taken that start with a prefix. $1 prefix.
SELECT code FROM grids WHERE code LIKE $1 || '%'
