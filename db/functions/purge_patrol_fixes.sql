-- Repeatable (see db/functions/README.md): re-applied whenever this file changes. Created by migration 020_patrol_routes.
CREATE OR REPLACE FUNCTION purge_patrol_fixes() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  DELETE FROM patrol_fixes
  WHERE t < now() - make_interval(days => (SELECT value::int FROM app_settings WHERE key = 'patrol_fix_retention_days'));
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
