/** Minimal diagnostics some tools ask for: serverStatus, getParameter, getLog, hostInfo, whatsmyuri, connectionStatus, getCmdLineOpts, dbStats, collStats. */
import os from 'node:os';
import type { CommandHandler } from './context.ts';
import { SERVER_VERSION } from '../docdb-options.ts';
import { collectionName, findStore } from './helpers.ts';
import { MongoCommandError } from '../errors.ts';

export const serverStatus: CommandHandler = (ctx) => ({
  host: `${os.hostname()}:${ctx.server.port}`,
  version: SERVER_VERSION,
  process: 'docdb',
  pid: process.pid,
  uptime: Math.floor((Date.now() - ctx.server.startedAt.getTime()) / 1000),
  localTime: new Date(),
  metrics: { cursor: { open: { total: ctx.cursors.size } } },
  ok: 1,
});

export const getParameter: CommandHandler = (ctx) => {
  const out: Record<string, unknown> = { ok: 1 };
  if (ctx.body.featureCompatibilityVersion !== undefined || ctx.body.getParameter === '*') {
    out.featureCompatibilityVersion = { version: SERVER_VERSION.split('.').slice(0, 2).join('.') };
  }
  if (ctx.body.ttlMonitorSleepSecs !== undefined) out.ttlMonitorSleepSecs = ctx.server.ttlMonitorIntervalMs / 1000;
  return out;
};

export const getLog: CommandHandler = (ctx) => (ctx.body.getLog === '*'
  ? { names: ['global', 'startupWarnings'], ok: 1 }
  : { totalLinesWritten: 0, log: [], ok: 1 });

export const hostInfo: CommandHandler = () => ({
  system: { hostname: os.hostname(), numCores: os.cpus().length, memSizeMB: Math.round(os.totalmem() / 1048576) },
  os: { type: os.type(), name: os.platform(), version: os.release() },
  ok: 1,
});

export const whatsmyuri: CommandHandler = () => ({ you: '127.0.0.1', ok: 1 });

export const connectionStatus: CommandHandler = () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 });

export const getCmdLineOpts: CommandHandler = (ctx) => ({ argv: ['docdb'], parsed: { net: { port: ctx.server.port } }, ok: 1 });

export const dbStats: CommandHandler = (ctx) => {
  const colls = ctx.engine.catalog.collections(ctx.db);
  const objects = colls.reduce((n, m) => n + (findStore(ctx, m.name)?.count() ?? 0), 0);
  return { db: ctx.db, collections: colls.length, views: 0, objects, indexes: colls.reduce((n, m) => n + m.indexes.length + 1, 0), ok: 1 };
};

export const collStats: CommandHandler = (ctx) => {
  const coll = collectionName(ctx);
  const store = findStore(ctx, coll);
  if (!store) throw new MongoCommandError('NamespaceNotFound', `Collection [${ctx.db}.${coll}] not found.`);
  return { ns: store.ns, count: store.count(), nindexes: store.meta.indexes.length + 1, ok: 1 };
};
