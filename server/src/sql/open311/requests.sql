-- Service requests as the public sees them: incidents filed through a channel, newest first.
-- Named ids ($1) override the other filters, as the specification has it.
-- $1 ids (uuid[] or NULL), $2 service codes (text[] or NULL), $3 start, $4 end,
-- $5 'open' | 'closed' | NULL, $6 limit, $7 deadlines (jsonb), $8 closed statuses (text[])
SELECT i.id, i.status, i.category, c.name, c.name_zh, i.description,
       coalesce(i.department, d.name_zh) AS agency,
       i.reported_at, i.updated_at,
       incident_summary(i, $7::jsonb) ->> 'due_at' AS due_at,
       r.address_string, r.media_url, ST_X(i.geom) AS lon, ST_Y(i.geom) AS lat,
       (SELECT h.note FROM incident_history h
        WHERE h.incident_id = i.id AND h.action <> 'report'
        ORDER BY h.at DESC, h.id DESC LIMIT 1) AS latest_note
FROM open311_requests r
JOIN incidents i ON i.id = r.incident_id
JOIN categories c ON c.code = i.category
LEFT JOIN departments d ON d.id = c.department_id
WHERE CASE WHEN $1::uuid[] IS NOT NULL THEN i.id = ANY ($1::uuid[])
      ELSE ($2::text[] IS NULL OR i.category = ANY ($2::text[]))
           AND i.reported_at >= $3 AND i.reported_at <= $4
           AND ($5::text IS NULL OR (i.status = ANY ($8::text[])) = ($5::text = 'closed'))
      END
ORDER BY i.reported_at DESC, i.id
LIMIT $6
