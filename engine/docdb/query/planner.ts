/**
 * Chooses how to read a collection for a filter: the _id index (point lookups or ranges), a
 * secondary index (equality prefix plus one $in or range on the next field), or a collection scan.
 * Candidates are always re-checked with mingo, so bounds only need to be a superset of matches.
 */
import type { Document } from 'bson';
import type { CollectionMeta, IndexSpec } from '../storage/catalog.ts';
import { MongoCommandError } from '../errors.ts';
import { KeyWriter, Tag, encodeValue, prefixEnd, prefixOf, tagOf } from '../storage/key-encoding.ts';

/** A half-open key range [start, end). */
export interface KeyRange {
  start: Buffer;
  end: Buffer;
}

/** The chosen access path. */
export type Plan =
  | { kind: 'COLLSCAN' }
  | { kind: 'IDSCAN'; ranges: KeyRange[]; order?: ScanOrder; eqCount?: number }
  | { kind: 'IXSCAN'; index: IndexSpec; ranges: KeyRange[]; order?: ScanOrder; eqCount?: number };

/** Set when the scan itself yields documents in the requested sort order. */
export type ScanOrder = 'forward' | 'reverse';

type Predicate =
  | { type: 'eq'; value: unknown }
  | { type: 'in'; values: unknown[] }
  | { type: 'range'; lower?: { value: unknown; inclusive: boolean }; upper?: { value: unknown; inclusive: boolean } };

function isOperatorObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date || v instanceof RegExp) return false;
  if ((v as { _bsontype?: string })._bsontype !== undefined) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

function plannable(v: unknown): boolean {
  const tag = tagOf(v);
  return tag !== Tag.Array && tag !== Tag.RegExp && tag !== Tag.NaN && tag !== Tag.Other
    && !(tag === Tag.Object && isOperatorObject(v));
}

function predicateOf(p: unknown): Predicate | undefined {
  if (!isOperatorObject(p)) return plannable(p) ? { type: 'eq', value: p } : undefined;
  if ('$eq' in p && plannable(p.$eq)) return { type: 'eq', value: p.$eq };
  if ('$in' in p && Array.isArray(p.$in) && p.$in.length > 0 && p.$in.every(plannable)) {
    return { type: 'in', values: p.$in };
  }
  const range: Extract<Predicate, { type: 'range' }> = { type: 'range' };
  if ('$gt' in p && plannable(p.$gt) && p.$gt !== null) range.lower = { value: p.$gt, inclusive: false };
  if ('$gte' in p && plannable(p.$gte) && p.$gte !== null) range.lower = { value: p.$gte, inclusive: true };
  if ('$lt' in p && plannable(p.$lt) && p.$lt !== null) range.upper = { value: p.$lt, inclusive: false };
  if ('$lte' in p && plannable(p.$lte) && p.$lte !== null) range.upper = { value: p.$lte, inclusive: true };
  return range.lower || range.upper ? range : undefined;
}

/** Field predicates usable for index bounds, from top-level fields and top-level $and. */
function collectPredicates(filter: Document, out = new Map<string, Predicate>()): Map<string, Predicate> {
  for (const [field, p] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(p)) {
      for (const sub of p) if (sub && typeof sub === 'object') collectPredicates(sub as Document, out);
      continue;
    }
    if (field.startsWith('$')) continue;
    const pred = predicateOf(p);
    if (pred && !out.has(field)) out.set(field, pred);
  }
  return out;
}

function enc(base: Buffer, v: unknown): Buffer {
  const w = new KeyWriter();
  w.bytes(base);
  encodeValue(w, v);
  return w.toBuffer();
}

function bracketOf(v: unknown): [number, number] {
  const tag = tagOf(v);
  if (tag === Tag.Number || tag === Tag.NaN) return [Tag.NaN, Tag.Number + 1];
  return [tag, tag + 1];
}

function rangesFor(base: Buffer, pred: Predicate | undefined): KeyRange[] {
  if (!pred) return [{ start: base, end: prefixEnd(base) }];
  if (pred.type === 'eq') {
    const k = enc(base, pred.value);
    return [{ start: k, end: prefixEnd(k) }];
  }
  if (pred.type === 'in') {
    return pred.values.map((v) => {
      const k = enc(base, v);
      return { start: k, end: prefixEnd(k) };
    });
  }
  const start = pred.lower
    ? pred.lower.inclusive ? enc(base, pred.lower.value) : prefixEnd(enc(base, pred.lower.value))
    : Buffer.concat([base, Buffer.from([bracketOf(pred.upper?.value)[0]])]);
  const end = pred.upper
    ? pred.upper.inclusive ? prefixEnd(enc(base, pred.upper.value)) : enc(base, pred.upper.value)
    : Buffer.concat([base, Buffer.from([bracketOf(pred.lower?.value)[1]])]);
  return Buffer.compare(start, end) < 0 ? [{ start, end }] : [];
}

function hasNull(pred: Predicate): boolean {
  if (pred.type === 'eq') return pred.value === null;
  if (pred.type === 'in') return pred.values.some((v) => v === null);
  return false;
}

/** Plans the read of `meta` for `filter`; `hint` (an index name or key pattern) forces an index. */
export function planQuery(meta: CollectionMeta, filter: Document, hint?: unknown): Plan {
  const preds = collectPredicates(filter);
  const idPred = preds.get('_id');
  if (idPred && (idPred.type === 'eq' || idPred.type === 'in') && hint === undefined) {
    return { kind: 'IDSCAN', ranges: rangesFor(Buffer.alloc(0), idPred) };
  }
  let best: { score: number; plan: Plan } | undefined;
  for (const index of meta.indexes) {
    if (index.partialFilterExpression && hint === undefined) continue;
    if (hint !== undefined && !matchesHint(index, hint)) continue;
    const fields = Object.keys(index.key);
    if (Object.values(index.key).some((d) => typeof d === 'string')) continue;
    let base = prefixOf(index.id);
    let eqCount = 0;
    let tail: Predicate | undefined;
    for (const f of fields) {
      const pred = preds.get(f);
      if (!pred || (index.sparse && hasNull(pred))) break;
      if (pred.type === 'eq') {
        base = enc(base, pred.value);
        eqCount++;
        continue;
      }
      tail = pred;
      break;
    }
    if (eqCount === 0 && !tail && hint === undefined) continue;
    const score = eqCount * 4 + (tail ? (tail.type === 'in' ? 3 : 2) : 0) + (index.unique && eqCount === fields.length ? 100 : 0);
    if (!best || score > best.score) best = { score, plan: { kind: 'IXSCAN', index, ranges: rangesFor(base, tail), eqCount: tail ? -1 : eqCount } };
  }
  if (best) return best.plan;
  if (hint !== undefined && !isNaturalOrIdHint(hint)) {
    throw new MongoCommandError('BadValue', 'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index');
  }
  if (idPred && idPred.type === 'range') return { kind: 'IDSCAN', ranges: rangesFor(Buffer.alloc(0), idPred) };
  return { kind: 'COLLSCAN' };
}

function isNaturalOrIdHint(hint: unknown): boolean {
  if (typeof hint === 'string') return hint === '_id_';
  if (hint && typeof hint === 'object') {
    const keys = Object.keys(hint);
    return (keys.length === 1 && (keys[0] === '$natural' || keys[0] === '_id')) || keys.length === 0;
  }
  return true;
}

function matchesHint(index: IndexSpec, hint: unknown): boolean {
  if (typeof hint === 'string') return index.name === hint;
  if (hint && typeof hint === 'object') return JSON.stringify(hint) === JSON.stringify(index.key);
  return false;
}

/**
 * Makes the plan return documents already sorted when the scan order provides it: the sort keys are
 * the index fields right after the plan's equality prefix, or the collection is scanned and an index
 * (or _id) starts with the sort keys.
 *
 * Index keys are stored with every component ascending whatever the key pattern's direction says
 * (see storage/index-keys.ts), so a scan yields the sort order only when all sort keys are ascending
 * (forward scan) or all are descending (reverse scan). A mixed-direction sort, even one equal to a
 * mixed-direction key pattern such as `{ p: 1, v: -1 }`, is left to the in-memory sort.
 */
export function planSort(meta: CollectionMeta, plan: Plan, sort: Record<string, 1 | -1> | undefined): Plan {
  if (!sort) return plan;
  const sortFields = Object.keys(sort);
  const orderFor = (keys: Record<string, number | string>, offset: number): ScanOrder | undefined => {
    const fields = Object.keys(keys);
    if (fields.length < offset + sortFields.length) return undefined;
    let dir: 1 | -1 | undefined;
    for (let i = 0; i < sortFields.length; i++) {
      if (fields[offset + i] !== sortFields[i]) return undefined;
      // Physical order of every stored component is ascending, so only the sort's own direction counts.
      const wanted = sort[sortFields[i]];
      if (dir === undefined) dir = wanted;
      else if (dir !== wanted) return undefined;
    }
    return dir === 1 ? 'forward' : 'reverse';
  };
  if (plan.kind === 'IXSCAN') {
    if (plan.ranges.length !== 1 || plan.eqCount === undefined || plan.eqCount < 0) return plan;
    const order = orderFor(plan.index.key, plan.eqCount);
    return order ? { ...plan, order } : plan;
  }
  if (plan.kind === 'IDSCAN') {
    if (plan.ranges.length !== 1) return plan;
    const order = orderFor({ _id: 1 }, 0);
    return order ? { ...plan, order } : plan;
  }
  const idOrder = orderFor({ _id: 1 }, 0);
  if (idOrder) {
    return { kind: 'IDSCAN', ranges: [{ start: Buffer.alloc(0), end: Buffer.from([0xff]) }], order: idOrder };
  }
  for (const index of meta.indexes) {
    if (index.sparse || index.partialFilterExpression) continue;
    const order = orderFor(index.key, 0);
    if (order) {
      const prefix = prefixOf(index.id);
      return { kind: 'IXSCAN', index, ranges: [{ start: prefix, end: prefixEnd(prefix) }], order, eqCount: 0 };
    }
  }
  return plan;
}
