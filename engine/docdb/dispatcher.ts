/** Routes a decoded command to its handler and turns failures into MongoDB error replies. */
import type { Document } from 'bson';
import { MongoCommandError } from './errors.ts';
import { COMMANDS } from './commands/registry.ts';
import type { CommandContext, ServerInfo } from './commands/context.ts';
import { transactionsUnsupported } from './commands/transactions.ts';
import type { StorageEngine } from './storage/storage-engine.ts';
import type { CursorRegistry } from './storage/cursor-registry.ts';
import type { RetryableWrites } from './retryable-writes.ts';

/** Shared state the dispatcher hands to commands. */
export interface DispatchDeps {
  retryable: RetryableWrites;
  engine: StorageEngine;
  cursors: CursorRegistry;
  server: ServerInfo;
}

/** Executes one command document and returns the reply (never throws). */
export async function dispatch(deps: DispatchDeps, body: Document, connectionId: number, defaultDb: string): Promise<Document> {
  const name = Object.keys(body)[0] ?? '';
  try {
    const handler = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!handler) throw new MongoCommandError('CommandNotFound', `no such command: '${name}'`);
    const db = typeof body.$db === 'string' ? body.$db : defaultDb;
    const ctx: CommandContext = { ...deps, connectionId, db, body, name };
    let reply: Document;
    if (body.autocommit !== undefined || body.startTransaction !== undefined) {
      throw deps.server.replicaSet
        ? new MongoCommandError('NotImplemented', 'Multi-document transactions are not supported by docdb; use single-document atomic updates')
        : transactionsUnsupported();
    } else if (body.txnNumber !== undefined) {
      if (!deps.server.replicaSet) throw transactionsUnsupported();
      reply = await deps.retryable.run(body, () => handler(ctx));
    } else {
      reply = await handler(ctx);
    }
    const wc = body.writeConcern as { j?: unknown } | undefined;
    // commits are durable against a killed process; j:true also waits for the fsync (power loss)
    if (wc && wc.j === true) await deps.engine.root.flushed;
    return reply;
  } catch (err) {
    if (err instanceof MongoCommandError) return err.toReply();
    return { ok: 0, errmsg: `internal error in '${name}': ${(err as Error).message ?? String(err)}`, code: 1, codeName: 'InternalError' };
  }
}
