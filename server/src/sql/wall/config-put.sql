-- $1 config as JSON text (already validated).
INSERT INTO app_settings (key, value) VALUES ('wall_config', $1)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
