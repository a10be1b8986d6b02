-- Open incidents whose current step just went past its due time and have not been announced.
-- Locks them so two server processes do not both announce one. Steps that went overdue more
-- than a day ago are not announced again after a restart: the queue shows them as overdue.
-- $1 deadlines json, $2 limit.
SELECT i.id
FROM incidents i
WHERE i.closed_at IS NULL
  AND i.overdue_notified_at IS NULL
  AND i.updated_at + make_interval(mins => ($1::jsonb -> i.grade ->> i.status)::int)
      BETWEEN now() - interval '1 day' AND now()
ORDER BY i.updated_at
LIMIT $2
FOR UPDATE SKIP LOCKED;
