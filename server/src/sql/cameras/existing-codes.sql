-- Which of the codes $1 are already used.
SELECT code FROM cameras WHERE code = ANY($1::text[])
