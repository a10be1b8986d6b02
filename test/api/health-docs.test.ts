import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('GET /api/health', () => {
  it('answers without a token and names the PostGIS version the database runs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const { rows } = await t.db.query('SELECT postgis_lib_version() AS v');
    expect(body.status).toBe('ok');
    expect(body.postgis).toBe(rows[0].v);
  });
});

describe('OpenAPI', () => {
  it('documents every public route at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/health',
      '/api/auth/login',
      '/api/grids',
      '/api/grids/{id}',
      '/api/cameras',
      '/api/incidents',
      '/api/summary',
      '/api/areas',
      '/tiles/{layer}/{z}/{x}/{y}.mvt',
    ]) {
      expect(paths).toContain(p);
    }
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});

describe('unknown routes', () => {
  it('answer a JSON 404 under /api', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: t.auth('admin') });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
