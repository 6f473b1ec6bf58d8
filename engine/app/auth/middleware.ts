import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '../models/user.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import { hasRole, type Principal } from './principal.ts';
import type { SessionService } from './session-service.ts';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** Reads the bearer token (or ?access_token= for EventSource, which cannot send headers). */
function bearer(req: Request): string | undefined {
  const h = req.headers.authorization;
  if (h && /^Bearer\s+/i.test(h)) return h.replace(/^Bearer\s+/i, '').trim();
  const q = req.query.access_token;
  return typeof q === 'string' && q !== '' ? q : undefined;
}

/** Requires a valid session; sets req.principal. */
export function authenticate(sessions: SessionService): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (!token) {
      next(new UnauthenticatedError());
      return;
    }
    sessions.authenticate(token).then(
      (p) => {
        req.principal = p;
        next();
      },
      (err: unknown) => next(err),
    );
  };
}

/** The principal of an authenticated request. */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw new UnauthenticatedError();
  return req.principal;
}

/** Requires one of the roles (admin passes every check). */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const p = req.principal;
    if (!p) {
      next(new UnauthenticatedError());
      return;
    }
    if (!hasRole(p, ...roles)) {
      next(new ForbiddenError(`${req.method} ${req.baseUrl}${req.path} needs role ${roles.join(' or ')}; you have ${p.roles.join(', ') || 'no role'}`));
      return;
    }
    next();
  };
}
