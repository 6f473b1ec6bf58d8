import { Router } from 'express';
import type { RouteSpec } from '../api/api-router.ts';
import { openApiDocument } from './openapi-document.ts';
import { docsPage } from './docs-page.ts';

/** GET /openapi.json and GET /docs (no login: the description is public). */
export function docsRoutes(specs: RouteSpec[], version: string): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(specs, version));
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(docsPage());
  });
  return router;
}
