/** Routes a decoded command to its handler and turns failures into MongoDB error replies. */
import type { Document } from 'bson';
import { MongoCommandError } from './errors.ts';
import { promoteLongs } from './bson-longs.ts';
import { COMMANDS } from './commands/registry.ts';
import type { CommandContext, ServerInfo } from './commands/context.ts';
import { transactionsUnsupported } from './commands/transactions.ts';
import type { StorageEngine } from './storage/storage-engine.ts';
import type { CursorRegistry } from './storage/cursor-registry.ts';
import type { RetryableWrites } from './retryable-writes.ts';
import { sessionKeyOf, type TransactionManager } from './transactions/transaction-manager.ts';
import type { CommandHandler } from './commands/context.ts';

/** Shared state the dispatcher hands to commands. */
export interface DispatchDeps {
  retryable: RetryableWrites;
  transactions: TransactionManager;
  engine: StorageEngine;
  cursors: CursorRegistry;
  server: ServerInfo;
}

const ALLOWED_IN_TXN = new Set(['find', 'getMore', 'killCursors', 'insert', 'update', 'delete', 'findAndModify', 'findandmodify', 'aggregate', 'distinct', 'commitTransaction', 'abortTransaction']);

/** Runs a command that belongs to a multi-document transaction (autocommit: false). */
async function runInTransaction(deps: DispatchDeps, ctx: CommandContext, handler: CommandHandler): Promise<Document> {
  const { body, name } = ctx;
  if (body.autocommit !== false) throw new MongoCommandError('InvalidOptions', 'autocommit must be false when specified');
  const session = sessionKeyOf(body);
  const txnNumber = Number(body.txnNumber);
  if (!Number.isInteger(txnNumber)) throw new MongoCommandError('InvalidOptions', 'a transaction requires txnNumber');
  if (name === 'commitTransaction') {
    await deps.transactions.commit(session, txnNumber);
    return { ok: 1 };
  }
  if (name === 'abortTransaction') {
    deps.transactions.abort(session, txnNumber);
    return { ok: 1 };
  }
  if (!ALLOWED_IN_TXN.has(name)) {
    throw new MongoCommandError('OperationNotSupportedInTransaction', `Cannot run '${name}' in a multi-document transaction.`);
  }
  if (name === 'aggregate' && Array.isArray(body.pipeline) && (body.pipeline as Document[]).some((s) => '$changeStream' in s)) {
    throw new MongoCommandError('OperationNotSupportedInTransaction', 'Cannot run $changeStream in a multi-document transaction.');
  }
  const txn = body.startTransaction === true ? deps.transactions.begin(session, txnNumber) : deps.transactions.get(session, txnNumber);
  const txnCtx: CommandContext = { ...ctx, backend: txn.backend, inTransaction: true, write: (fn) => Promise.resolve().then(fn) };
  try {
    const reply = await handler(txnCtx);
    // as in MongoDB, a failed write aborts the transaction
    if (reply.ok !== 1 || (Array.isArray(reply.writeErrors) && reply.writeErrors.length > 0)) deps.transactions.abort(session, txnNumber);
    return reply;
  } catch (err) {
    if (txn.state === 'active') deps.transactions.abort(session, txnNumber);
    throw err;
  }
}

/** Executes one command document and returns the reply (never throws). */
export async function dispatch(deps: DispatchDeps, typedBody: Document, connectionId: number, defaultDb: string): Promise<Document> {
  const name = Object.keys(typedBody)[0] ?? '';
  const body = promoteLongs(typedBody);
  try {
    const handler = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!handler) throw new MongoCommandError('CommandNotFound', `no such command: '${name}'`);
    const db = typeof body.$db === 'string' ? body.$db : defaultDb;
    const w = (body.writeConcern as { w?: unknown } | undefined)?.w;
    if (typeof w === 'number' && w > 1) {
      throw new MongoCommandError('UnsatisfiableWriteConcern', `Not enough data-bearing nodes: write concern w:${w} needs ${w} members, docdb has 1`);
    }
    const ctx: CommandContext = {
      ...deps, connectionId, db, body, typedBody, name, backend: deps.engine.direct, inTransaction: false,
      write: (fn) => deps.engine.write(fn),
    };
    let reply: Document;
    if (body.autocommit !== undefined || body.startTransaction !== undefined) {
      if (!deps.server.replicaSet) throw transactionsUnsupported();
      reply = await runInTransaction(deps, ctx, handler);
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
