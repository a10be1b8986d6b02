-- Headline figures for the whole city. $1 IANA time zone of the city ("today" is local).
SELECT
  (SELECT count(*) FROM districts) AS districts,
  (SELECT count(*) FROM street_offices) AS "streetOffices",
  (SELECT count(*) FROM communities) AS communities,
  (SELECT count(*) FROM grids) AS grids,
  (SELECT coalesce(sum(households), 0) FROM grids) AS households,
  (SELECT coalesce(sum(population), 0) FROM grids) AS population,
  (SELECT count(*) FROM buildings) AS buildings,
  (SELECT count(*) FROM cameras) AS cameras,
  (SELECT count(*) FROM cameras WHERE status = 'working') AS "camerasWorking",
  (SELECT count(*) FROM incidents WHERE closed_at IS NULL) AS "incidentsOpen",
  (SELECT count(*) FROM incidents
     WHERE reported_at >= (date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1)) AS "incidentsToday",
  (SELECT count(*) FROM patrol_units WHERE kind = 'grid_worker') AS workers,
  (SELECT count(*) FROM patrol_units WHERE kind = 'patrol_team') AS "patrolTeams",
  (SELECT count(*) FROM key_places) AS "keyPlaces";
