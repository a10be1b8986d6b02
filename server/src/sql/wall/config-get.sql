SELECT value FROM app_settings WHERE key = 'wall_config';
