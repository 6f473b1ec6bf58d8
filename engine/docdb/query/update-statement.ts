/** Executes one update statement (shared by update and findAndModify) inside a write transaction. */
import type { Document } from 'bson';
import { failedToParse } from '../errors.ts';
import type { CollectionStore } from '../storage/collection-store.ts';
import { encodeKey } from '../storage/key-encoding.ts';
import { applyUpdate, updateKind, upsertSeed, withIdFirst, type UpdateKind } from './apply-update.ts';
import { longPaths, restoreLongs } from '../bson-longs.ts';
import { runRead } from './executor.ts';
import type { Options } from 'mingo/types';

/** One update statement. */
export interface UpdateStatement {
  q: Document;
  /** The update with int64 values promoted to numbers (for evaluation). */
  u: unknown;
  /** The update as sent (int64 as Long): source of values assigned as they are. */
  typedU?: unknown;
  upsert?: boolean;
  multi?: boolean;
  arrayFilters?: Document[];
  sort?: Document;
  hint?: unknown;
}

/** Outcome of a statement. */
export interface UpdateOutcome {
  n: number;
  nModified: number;
  upsertedId?: unknown;
  /** First matched document before and after the update (or the upserted document). */
  before?: Document;
  after?: Document;
}

/** Runs `stmt` against `store`; call inside a write transaction. */
export function executeUpdate(store: CollectionStore, stmt: UpdateStatement, mingo: Partial<Options>): UpdateOutcome {
  const kind = updateKind(stmt.u);
  if (kind === 'replacement' && stmt.multi) throw failedToParse('multi update is not supported for replacement-style update');
  const { docs } = runRead(store, { filter: stmt.q, sort: stmt.sort, limit: stmt.multi ? undefined : 1, hint: stmt.hint, mingo });
  const outcome: UpdateOutcome = { n: 0, nModified: 0 };
  for (const oldDoc of docs) {
    const raw = store.getRaw(encodeKey(oldDoc._id));
    if (!raw) continue;
    const newDoc = applyUpdate(store.engine.decode(raw), assignable(stmt, kind), kind, {
      filter: stmt.q, arrayFilters: stmt.arrayFilters, inserting: false, variables: mingo.variables as Document | undefined,
    });
    if (kind === 'operators' && raw.includes(0x12)) restoreLongs(newDoc, longPaths(store.engine.decodeTyped(raw)));
    outcome.n++;
    if (store.replace(oldDoc, newDoc, raw, kind === 'replacement' ? 'replace' : 'update')) outcome.nModified++;
    if (!outcome.before) {
      outcome.before = oldDoc;
      outcome.after = newDoc;
    }
  }
  if (outcome.n === 0 && stmt.upsert) {
    const seed = kind === 'replacement' ? pickId(upsertSeed(stmt.q)) : upsertSeed(stmt.q);
    const doc = withIdFirst(applyUpdate(seed, assignable(stmt, kind), kind, {
      filter: stmt.q, arrayFilters: stmt.arrayFilters, inserting: true, variables: mingo.variables as Document | undefined,
    }));
    store.insert(doc);
    outcome.n = 1;
    outcome.upsertedId = doc._id;
    outcome.after = doc;
  }
  return outcome;
}

const ASSIGNING = ['$set', '$setOnInsert', '$push', '$addToSet'];

/** The update to apply: replacements as sent; operator updates take assigned values as sent (Long kept). */
function assignable(stmt: UpdateStatement, kind: UpdateKind): unknown {
  if (stmt.typedU === undefined || kind === 'pipeline') return stmt.u;
  if (kind === 'replacement') return stmt.typedU;
  const typed = stmt.typedU as Document;
  const out: Document = { ...(stmt.u as Document) };
  for (const op of ASSIGNING) if (typed[op] !== undefined) out[op] = typed[op];
  return out;
}

function pickId(seed: Document): Document {
  return seed._id !== undefined ? { _id: seed._id } : {};
}
