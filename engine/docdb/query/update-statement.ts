/** Executes one update statement (shared by update and findAndModify) inside a write transaction. */
import type { Document } from 'bson';
import { failedToParse } from '../errors.ts';
import type { CollectionStore } from '../storage/collection-store.ts';
import { encodeKey } from '../storage/key-encoding.ts';
import { applyUpdate, updateKind, upsertSeed, withIdFirst } from './apply-update.ts';
import { runRead } from './executor.ts';
import type { Options } from 'mingo/types';

/** One update statement. */
export interface UpdateStatement {
  q: Document;
  u: unknown;
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
    const newDoc = applyUpdate(store.engine.decode(raw), stmt.u, kind, {
      filter: stmt.q, arrayFilters: stmt.arrayFilters, inserting: false, variables: mingo.variables as Document | undefined,
    });
    outcome.n++;
    if (store.replace(oldDoc, newDoc, raw, kind === 'replacement' ? 'replace' : 'update')) outcome.nModified++;
    if (!outcome.before) {
      outcome.before = oldDoc;
      outcome.after = newDoc;
    }
  }
  if (outcome.n === 0 && stmt.upsert) {
    const seed = kind === 'replacement' ? pickId(upsertSeed(stmt.q)) : upsertSeed(stmt.q);
    const doc = withIdFirst(applyUpdate(seed, stmt.u, kind, {
      filter: stmt.q, arrayFilters: stmt.arrayFilters, inserting: true, variables: mingo.variables as Document | undefined,
    }));
    store.insert(doc);
    outcome.n = 1;
    outcome.upsertedId = doc._id;
    outcome.after = doc;
  }
  return outcome;
}

function pickId(seed: Document): Document {
  return seed._id !== undefined ? { _id: seed._id } : {};
}
