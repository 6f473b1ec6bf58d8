import { principalOf } from '../auth/middleware.ts';
import { groupsOf, hasRole } from '../auth/principal.ts';
import type { LiveEvent } from '../services/events/event-bus.ts';
import type { ServiceContext } from '../services/service-context.ts';
import type { ApiRouter } from './api-router.ts';

/** GET /events: server-sent events for open worklists (token in Authorization or ?access_token=). */
export function eventRoutes(api: ApiRouter, ctx: ServiceContext): void {
  api.route({ method: 'get', path: '/events', tag: 'events', summary: 'Live worklist updates (text/event-stream)', access: 'any', produces: 'text/event-stream' }, (req, res) => {
    const p = principalOf(req);
    const groups = new Set(groupsOf(p));
    const all = hasRole(p, 'auditor', 'process-owner');
    const relevant = (e: LiveEvent) => all || e.users.includes(p.username) || e.groups.some((g) => groups.has(g)) || (e.users.length === 0 && e.groups.length === 0);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`retry: 3000\n\n`);
    let id = 0;
    const unsubscribe = ctx.bus.subscribe((e) => {
      if (relevant(e)) res.write(`id: ${++id}\nevent: ${e.type}\ndata: ${JSON.stringify({ caseId: e.caseId, taskId: e.taskId ?? null, ...e.data })}\n\n`);
    });
    const ping = setInterval(() => res.write(`: ping\n\n`), 25_000);
    const offClose = ctx.bus.onClose(() => res.end());
    req.on('close', () => {
      clearInterval(ping);
      unsubscribe();
      offClose();
    });
  });
}
