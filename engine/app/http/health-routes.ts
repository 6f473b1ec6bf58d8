import { Router } from 'express';
import { runCheck, type ReadinessCheck } from './readiness.ts';

/** GET /healthz (the process is alive) and GET /readyz (every dependency answers). */
export function healthRoutes(checks: ReadinessCheck[], isShuttingDown: () => boolean): Router {
  const router = Router();
  const startedAt = new Date().toISOString();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', startedAt, uptimeSeconds: Math.round(process.uptime()) });
  });

  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(checks.map(async (c) => [c.name, await runCheck(c)] as const));
    const dependencies = Object.fromEntries(results);
    const shuttingDown = isShuttingDown();
    const ok = !shuttingDown && results.every(([, r]) => r.ok);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : shuttingDown ? 'shutting-down' : 'not-ready', dependencies });
  });

  return router;
}
