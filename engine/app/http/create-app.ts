import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.ts';
import { healthRoutes } from './health-routes.ts';
import { notFoundHandler, problemErrorHandler } from './problem.ts';
import type { ReadinessCheck } from './readiness.ts';

/** What the HTTP shell needs from the composition root. */
export interface AppOptions {
  logger: Logger;
  readiness: ReadinessCheck[];
  isShuttingDown: () => boolean;
  /** The built designer (index.html + assets); served at / when present. */
  designerDir?: string;
  /** Routers mounted under /api, added by later features. */
  apiRouters?: Router[];
}

/** Builds the Express application: request ids and logs, health, API, designer, problem+json errors. */
export function createApp(opts: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use(
    pinoHttp({
      logger: opts.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );

  app.use(healthRoutes(opts.readiness, opts.isShuttingDown));
  app.use('/api', express.json({ limit: '2mb' }));
  for (const r of opts.apiRouters ?? []) app.use('/api', r);
  app.use('/api', notFoundHandler);

  const designerDir = opts.designerDir;
  if (designerDir && existsSync(path.join(designerDir, 'index.html'))) {
    app.use(express.static(designerDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes (vue-router history mode) fall back to index.html.
    app.get(/^\/(?!api\/).*/, (req, res, next) => {
      if (req.accepts('html')) res.sendFile(path.join(designerDir, 'index.html'));
      else next();
    });
  }

  app.use(notFoundHandler);
  app.use(problemErrorHandler);
  return app;
}
