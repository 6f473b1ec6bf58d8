/** Shared argument parsing and collection lookup for command handlers. */
import type { Document } from 'bson';
import { MongoCommandError, badValue, typeMismatch } from '../errors.ts';
import type { CommandContext } from './context.ts';
import { CollectionStore } from '../storage/collection-store.ts';
import type { CollectionMeta } from '../storage/catalog.ts';

/** The collection name a command targets (`{ find: "users" }` → "users"). */
export function collectionName(ctx: CommandContext): string {
  const v = ctx.body[ctx.name];
  if (typeof v !== 'string') {
    throw new MongoCommandError('InvalidNamespace', `collection name has invalid type ${v === null ? 'null' : typeof v}`);
  }
  if (v.length === 0 || v.includes('\0') || v.startsWith('$')) {
    throw new MongoCommandError('InvalidNamespace', `Invalid namespace specified '${ctx.db}.${v}'`);
  }
  return v;
}

/** An optional document argument. */
export function optDoc(body: Document, field: string): Document | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw typeMismatch(`BSON field '${field}' is the wrong type '${Array.isArray(v) ? 'array' : typeof v}', expected type 'object'`);
  }
  return v as Document;
}

/** An optional non-negative integer argument. */
export function optInt(body: Document, field: string): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : Number((v as { valueOf(): unknown }).valueOf());
  if (!Number.isFinite(n)) throw typeMismatch(`BSON field '${field}' is the wrong type, expected a number`);
  if (n < 0) throw badValue(`${field} must be non-negative, got ${n}`);
  return Math.trunc(n);
}

/** An optional boolean argument (numbers accepted as MongoDB does). */
export function optBool(body: Document, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  return Boolean(typeof v === 'object' ? (v as { valueOf(): unknown }).valueOf() : v);
}

/** A store for an existing collection, or undefined. */
export function findStore(ctx: CommandContext, coll: string): CollectionStore | undefined {
  const meta = ctx.engine.catalog.get(ctx.db, coll);
  return meta ? new CollectionStore(ctx.engine, ctx.db, meta, ctx.backend) : undefined;
}

/** Creates the collection if missing; call inside a write transaction. */
export function ensureCollection(ctx: CommandContext, coll: string, options: Document = {}): CollectionMeta {
  validateDbName(ctx.db);
  const existing = ctx.engine.catalog.get(ctx.db, coll);
  if (existing) return existing;
  if (ctx.inTransaction) {
    throw new MongoCommandError('OperationNotSupportedInTransaction', `Cannot create namespace ${ctx.db}.${coll} in multi-document transaction; create the collection before the transaction.`);
  }
  const meta: CollectionMeta = { id: ctx.engine.catalog.allocateId(), name: coll, options, indexes: [] };
  ctx.engine.catalog.put(ctx.db, meta);
  ctx.engine.saveCatalog();
  return meta;
}

/** Rejects database names MongoDB rejects. */
export function validateDbName(db: string): void {
  if (!db || /[/\\. "$*<>:|?]/.test(db) || db.length > 63) {
    throw new MongoCommandError('InvalidNamespace', `Invalid database name: '${db}'`);
  }
}

/** mingo options derived from a command's collation and let. */
export function mingoOptions(body: Document): { collation?: { locale: string; strength?: 1 | 2 | 3 }; variables?: Document; scriptEnabled: boolean } {
  // server-side JavaScript ($where, $function, $accumulator) is disabled, as with mongod --noscripting
  const out: { collation?: { locale: string; strength?: 1 | 2 | 3 }; variables?: Document; scriptEnabled: boolean } = { scriptEnabled: false };
  const collation = body.collation as { locale?: string; strength?: 1 | 2 | 3 } | undefined;
  if (collation && collation.locale && collation.locale !== 'simple') out.collation = { locale: collation.locale, strength: collation.strength };
  if (body.let && typeof body.let === 'object') out.variables = body.let as Document;
  return out;
}
