/**
 * Runs a plan and a filter over a collection: fetches candidate documents through the chosen index
 * and keeps those mingo's Query accepts; sort, skip, limit and projection are applied with mingo.
 */
import { Query, find } from 'mingo';
import { prefixOf } from '../storage/key-encoding.ts';
import type { Options } from 'mingo/types';
import type { Document } from 'bson';
import type { CollectionStore } from '../storage/collection-store.ts';
import { planQuery, planSort, type KeyRange, type Plan } from './planner.ts';
import type { KV } from '../storage/kv.ts';
import { failedToParse, MongoCommandError } from '../errors.ts';

/** Counters that show how much work a read did (reported by explain). */
export interface ScanStats {
  keysExamined: number;
  docsExamined: number;
}

/** Options of a find-like read. */
export interface ReadSpec {
  filter: Document;
  sort?: Document;
  skip?: number;
  limit?: number;
  projection?: Document;
  hint?: unknown;
  mingo?: Partial<Options>;
}

/** Result of a read with its plan and counters. */
export interface ReadResult {
  docs: Document[];
  plan: Plan;
  stats: ScanStats;
}

/** Entries of a key range in ascending or descending order. */
function* rangeEntries(db: KV, r: KeyRange, reverse: boolean): Generator<{ key: Buffer; value: Buffer }> {
  if (!reverse) {
    yield* db.getRange({ start: r.start, end: r.end });
    return;
  }
  for (const entry of db.getRange({ start: r.end, reverse: true })) {
    if (Buffer.compare(entry.key, r.end) >= 0) continue;
    if (Buffer.compare(entry.key, r.start) < 0) return;
    yield entry;
  }
}

/** Candidate documents of a plan, each at most once. */
export function* candidates(store: CollectionStore, plan: Plan, stats: ScanStats): Generator<Document> {
  if (plan.kind === 'COLLSCAN') {
    for (const doc of store.scan()) {
      stats.docsExamined++;
      yield doc;
    }
    return;
  }
  if (plan.kind === 'IDSCAN') {
    const prefix = prefixOf(store.meta.id);
    for (const r of plan.ranges) {
      const abs = { start: Buffer.concat([prefix, r.start]), end: Buffer.concat([prefix, r.end]) };
      for (const { value } of rangeEntries(store.kv.docs, abs, plan.order === 'reverse')) {
        stats.keysExamined++;
        stats.docsExamined++;
        yield store.engine.decode(value);
      }
    }
    return;
  }
  const seen = plan.ranges.length > 1 || plan.index.unique !== true ? new Set<string>() : undefined;
  const idx = store.kv.idx;
  for (const r of plan.ranges) {
    for (const { value } of rangeEntries(idx, r, plan.order === 'reverse')) {
      stats.keysExamined++;
      if (seen) {
        const k = value.toString('latin1');
        if (seen.has(k)) continue;
        seen.add(k);
      }
      const doc = store.getByEncodedId(value);
      if (!doc) continue;
      stats.docsExamined++;
      yield doc;
    }
  }
}

function cleanSort(sort: Document | undefined): Record<string, 1 | -1> | undefined {
  if (!sort || Object.keys(sort).length === 0) return undefined;
  const out: Record<string, 1 | -1> = {};
  for (const [k, v] of Object.entries(sort)) {
    if (k === '$natural') continue;
    if (typeof v === 'object' && v !== null && '$meta' in v) {
      throw new MongoCommandError('NotImplemented', `sort by $meta is not supported by docdb (field '${k}')`);
    }
    const n = Number(v);
    if (n !== 1 && n !== -1) throw failedToParse(`$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    out[k] = n;
  }
  return Object.keys(out).length ? out : undefined;
}

/** mingo applies a collation to sorting only; refuse it where it would change which documents match. */
export function rejectCollatedFilter(filter: Document, options?: Partial<Options>): void {
  if (options?.collation && Object.keys(filter).length > 0) {
    throw new MongoCommandError('NotImplemented', 'docdb applies a collation to sort order only; a query filter with a non-simple collation is not supported');
  }
}

/** Compiles a filter with mingo, turning its errors into MongoDB's BadValue. */
export function compileFilter(filter: Document, options?: Partial<Options>): Query {
  if ('$text' in filter) throw new MongoCommandError('IndexNotFound', 'text index required for $text query (docdb has no text indexes)');
  try {
    return new Query(filter, options);
  } catch (err) {
    throw new MongoCommandError('BadValue', (err as Error).message);
  }
}

/** Executes a find-like read. */
export function runRead(store: CollectionStore, spec: ReadSpec): ReadResult {
  rejectCollatedFilter(spec.filter, spec.mingo);
  const sort = cleanSort(spec.sort);
  let plan = planQuery(store.meta, spec.filter, spec.hint);
  if (!spec.mingo?.collation) plan = planSort(store.meta, plan, sort);
  const presorted = plan.kind !== 'COLLSCAN' && plan.order !== undefined;
  const stats: ScanStats = { keysExamined: 0, docsExamined: 0 };
  const query = compileFilter(spec.filter, spec.mingo);
  const skip = spec.skip ?? 0;
  const limit = spec.limit && spec.limit > 0 ? spec.limit : undefined;
  const stopAt = (!sort || presorted) && limit !== undefined ? skip + limit : Infinity;
  let matched: Document[] = [];
  try {
    for (const doc of candidates(store, plan, stats)) {
      if (!query.test(doc)) continue;
      matched.push(doc);
      if (matched.length >= stopAt) break;
    }
    if (sort && !presorted) matched = find(matched, {}, undefined, spec.mingo).sort(sort).all() as Document[];
  } catch (err) {
    if (err instanceof MongoCommandError) throw err;
    throw new MongoCommandError('BadValue', (err as Error).message);
  }
  if (skip) matched = matched.slice(skip);
  if (limit !== undefined) matched = matched.slice(0, limit);
  if (spec.projection && Object.keys(spec.projection).length > 0) {
    try {
      matched = find(matched, spec.filter, spec.projection, spec.mingo).all() as Document[];
    } catch (err) {
      throw new MongoCommandError('BadValue', (err as Error).message);
    }
  }
  return { docs: matched, plan, stats };
}

/** explain's queryPlanner / executionStats for a read. */
export function explainRead(store: CollectionStore, spec: ReadSpec, verbosity: string): Document {
  const result = runRead(store, spec);
  const p = result.plan;
  const direction = p.kind !== 'COLLSCAN' && p.order === 'reverse' ? 'backward' : 'forward';
  const scan: Document = p.kind === 'COLLSCAN'
    ? { stage: 'COLLSCAN', direction }
    : {
      stage: 'FETCH',
      inputStage: {
        stage: 'IXSCAN',
        indexName: p.kind === 'IDSCAN' ? '_id_' : p.index.name,
        keyPattern: p.kind === 'IDSCAN' ? { _id: 1 } : p.index.key,
        isUnique: p.kind === 'IDSCAN' ? true : p.index.unique === true,
        direction,
      },
    };
  const needsSort = cleanSort(spec.sort) !== undefined && (p.kind === 'COLLSCAN' || p.order === undefined);
  const inputStage = needsSort ? { stage: 'SORT', sortPattern: spec.sort, inputStage: scan } : scan;
  const out: Document = {
    queryPlanner: { namespace: store.ns, parsedQuery: spec.filter, winningPlan: inputStage, rejectedPlans: [] },
  };
  if (verbosity !== 'queryPlanner') {
    out.executionStats = {
      executionSuccess: true,
      nReturned: result.docs.length,
      totalKeysExamined: result.stats.keysExamined,
      totalDocsExamined: result.stats.docsExamined,
      executionTimeMillis: 0,
    };
  }
  return out;
}
