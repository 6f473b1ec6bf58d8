/** createIndexes: single-field, compound, unique, sparse, partial and TTL indexes. */
import type { Document } from 'bson';
import type { CommandHandler } from './context.ts';
import { collectionName, ensureCollection } from './helpers.ts';
import { CollectionStore } from '../storage/collection-store.ts';
import type { IndexSpec } from '../storage/catalog.ts';
import { MongoCommandError, badValue } from '../errors.ts';

const ALLOWED = new Set(['key', 'name', 'unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'v', 'background', 'ns', 'collation', 'hidden']);

function parseSpec(raw: Document): Omit<IndexSpec, 'id'> {
  const key = raw.key as Document | undefined;
  if (!key || typeof key !== 'object' || Object.keys(key).length === 0) throw badValue('Index keys cannot be empty.');
  for (const [f, d] of Object.entries(key)) {
    if (typeof d === 'string') {
      throw new MongoCommandError('CannotCreateIndex', `Index type '${d}' on field '${f}' is not supported by docdb; only ascending/descending indexes are`);
    }
    const n = Number(d);
    if (n !== 1 && n !== -1) throw badValue(`Values in the index key pattern can only be 1 or -1, found ${String(d)} for field '${f}'`);
  }
  for (const opt of Object.keys(raw)) {
    if (!ALLOWED.has(opt)) throw new MongoCommandError('InvalidIndexSpecificationOption', `The field '${opt}' is not valid for an index specification. Specification: ${JSON.stringify(raw)}`);
  }
  if (raw.collation) throw new MongoCommandError('CannotCreateIndex', 'Index collations are not supported by docdb');
  const name = typeof raw.name === 'string' ? raw.name : Object.entries(key).map(([f, d]) => `${f}_${Number(d)}`).join('_');
  const spec: Omit<IndexSpec, 'id'> = { name, key: Object.fromEntries(Object.entries(key).map(([f, d]) => [f, Number(d)])) };
  if (raw.unique) spec.unique = true;
  if (raw.sparse) spec.sparse = true;
  if (raw.partialFilterExpression) spec.partialFilterExpression = raw.partialFilterExpression as Document;
  if (raw.expireAfterSeconds !== undefined) {
    const s = Number(raw.expireAfterSeconds);
    if (!Number.isFinite(s) || s < 0) throw badValue(`TTL index 'expireAfterSeconds' option must be a non-negative number, got ${String(raw.expireAfterSeconds)}`);
    if (Object.keys(key).length !== 1) throw badValue('TTL indexes are single-field indexes, compound indexes do not support TTL.');
    spec.expireAfterSeconds = s;
  }
  return spec;
}

function sameOptions(a: Omit<IndexSpec, 'id'>, b: Omit<IndexSpec, 'id'>): boolean {
  return !!a.unique === !!b.unique && !!a.sparse === !!b.sparse && a.expireAfterSeconds === b.expireAfterSeconds
    && JSON.stringify(a.partialFilterExpression ?? null) === JSON.stringify(b.partialFilterExpression ?? null);
}

export const createIndexes: CommandHandler = async (ctx) => {
  const coll = collectionName(ctx);
  if (!Array.isArray(ctx.body.indexes) || ctx.body.indexes.length === 0) throw badValue('Must specify at least one index to create');
  const specs = (ctx.body.indexes as Document[]).map(parseSpec);
  const createdCollectionAutomatically = !ctx.engine.catalog.get(ctx.db, coll);
  if (createdCollectionAutomatically) await ctx.write(() => ensureCollection(ctx, coll));
  return ctx.write(() => {
    const meta = ensureCollection(ctx, coll);
    const before = meta.indexes.length + 1;
    const store = new CollectionStore(ctx.engine, ctx.db, meta, ctx.backend);
    const added: IndexSpec[] = [];
    for (const spec of specs) {
      if (spec.name === '_id_' || JSON.stringify(spec.key) === '{"_id":1}') continue;
      const byName = [...meta.indexes, ...added].find((i) => i.name === spec.name);
      const byKey = [...meta.indexes, ...added].find((i) => JSON.stringify(i.key) === JSON.stringify(spec.key) && sameOptions(i, spec));
      if (byName) {
        if (JSON.stringify(byName.key) === JSON.stringify(spec.key) && sameOptions(byName, spec)) continue;
        if (JSON.stringify(byName.key) !== JSON.stringify(spec.key)) {
          throw new MongoCommandError('IndexKeySpecsConflict', `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify({ v: 2, ...spec })}, existing index: ${JSON.stringify({ v: 2, key: byName.key, name: byName.name })}`);
        }
        throw new MongoCommandError('IndexOptionsConflict', `An existing index has the same name as the requested index but different options. Requested index: ${JSON.stringify({ v: 2, ...spec })}`);
      }
      if (byKey) throw new MongoCommandError('IndexOptionsConflict', `Index already exists with a different name: ${byKey.name}`);
      const index: IndexSpec = { id: ctx.engine.catalog.allocateId(), ...spec };
      store.buildIndex(index);
      added.push(index);
    }
    meta.indexes.push(...added);
    ctx.engine.saveCatalog();
    const reply: Document = { numIndexesBefore: before, numIndexesAfter: meta.indexes.length + 1, createdCollectionAutomatically, ok: 1 };
    if (added.length === 0) reply.note = 'all indexes already exist';
    return reply;
  });
};
