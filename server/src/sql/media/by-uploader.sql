-- The photo with these bytes that this user already sent. $1 uploaded_by, $2 sha256
SELECT * FROM media WHERE uploaded_by = $1 AND sha256 = $2;
