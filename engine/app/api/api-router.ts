import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { authenticate, requireRole } from '../auth/middleware.ts';
import type { SessionService } from '../auth/session-service.ts';
import type { Role } from '../models/user.ts';

/** Everything the OpenAPI document says about one route. */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express path under /api, e.g. /cases/:id. */
  path: string;
  tag: string;
  summary: string;
  /** 'public' (no login), 'any' (any logged-in user) or the roles allowed (admin always passes). */
  access: 'public' | 'any' | Role[];
  body?: z.ZodType;
  query?: z.ZodType;
  /** Non-JSON answers (SSE, PDF). */
  produces?: string;
  /** Body sent as raw bytes (uploads). */
  rawBody?: string;
  status?: number;
}

/** A router that records a {@link RouteSpec} per route and applies authentication and role checks. */
export class ApiRouter {
  readonly router = Router();
  readonly specs: RouteSpec[] = [];
  private readonly authn: RequestHandler;

  constructor(sessions: SessionService) {
    this.authn = authenticate(sessions);
  }

  /** Adds a route: authentication and role guards, then `before` (e.g. a raw body parser), then the handler. */
  route(spec: RouteSpec, handler: (req: Request, res: Response) => unknown, before: RequestHandler[] = []): void {
    this.specs.push(spec);
    const guards: RequestHandler[] = [];
    if (spec.access !== 'public') guards.push(this.authn);
    if (Array.isArray(spec.access)) guards.push(requireRole(...spec.access));
    this.router[spec.method](spec.path, ...guards, ...before, handler as RequestHandler);
  }
}
