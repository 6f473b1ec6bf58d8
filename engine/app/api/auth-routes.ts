import { z } from 'zod';
import type { ServiceContext } from '../services/service-context.ts';
import { principalOf } from '../auth/middleware.ts';
import type { ApiRouter } from './api-router.ts';
import { parse } from './validate.ts';
import { userView } from './views.ts';

export const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });

/** POST /auth/login, POST /auth/logout, GET /auth/me. */
export function authRoutes(api: ApiRouter, ctx: ServiceContext): void {
  api.route({ method: 'post', path: '/auth/login', tag: 'auth', summary: 'Log in; returns a bearer token', access: 'public', body: loginBody }, async (req, res) => {
    const { username, password } = parse(loginBody, req.body);
    const { token, expiresAt, userId } = await ctx.sessions.login(username, password, req.ip ?? 'unknown');
    const user = (await ctx.models.User.findById(userId).lean())!;
    const offices = await ctx.models.Office.find({}).lean();
    res.json({ token, expiresAt, user: userView(user, offices) });
  });

  api.route({ method: 'post', path: '/auth/logout', tag: 'auth', summary: 'Revoke the current session', access: 'any', status: 204 }, async (req, res) => {
    await ctx.sessions.revoke(principalOf(req).sessionId);
    res.status(204).end();
  });

  api.route({ method: 'get', path: '/auth/me', tag: 'auth', summary: 'The logged-in user', access: 'any' }, async (req, res) => {
    const p = principalOf(req);
    const offices = await ctx.models.Office.find({}).lean();
    res.json(userView({ _id: p.id as never, username: p.username, displayName: p.displayName, roles: p.roles, offices: p.offices, posts: p.posts }, offices));
  });
}
