/** findAndModify: atomically update (or remove) the first match and return it before or after. */
import { find as mingoFind } from 'mingo';
import type { Document } from 'bson';
import type { CommandHandler } from './context.ts';
import { collectionName, ensureCollection, findStore, mingoOptions, optDoc } from './helpers.ts';
import { CollectionStore } from '../storage/collection-store.ts';
import { executeUpdate } from '../query/update-statement.ts';
import { runRead } from '../query/executor.ts';
import { failedToParse } from '../errors.ts';

function project(doc: Document | undefined, fields: Document | undefined): Document | null {
  if (!doc) return null;
  if (!fields || Object.keys(fields).length === 0) return doc;
  return (mingoFind([doc], {}, fields).all()[0] as Document | undefined) ?? null;
}

export const findAndModify: CommandHandler = async (ctx) => {
  const coll = collectionName(ctx);
  const query = optDoc(ctx.body, 'query') ?? {};
  const sort = optDoc(ctx.body, 'sort');
  const fields = optDoc(ctx.body, 'fields');
  const remove = ctx.body.remove === true;
  const update = ctx.body.update;
  const returnNew = ctx.body.new === true;
  const upsert = ctx.body.upsert === true;
  const mingo = mingoOptions(ctx.body);
  if (remove && update !== undefined) throw failedToParse('Cannot specify both an update and remove=true');
  if (!remove && update === undefined) throw failedToParse('Either an update or remove=true must be specified');
  if (remove && (returnNew || upsert)) throw failedToParse('Cannot specify both new=true and remove=true; \'remove\' always returns the deleted document');

  return ctx.write(() => {
    if (remove) {
      const store = findStore(ctx, coll);
      if (!store) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
      const { docs } = runRead(store, { filter: query, sort, limit: 1, hint: ctx.body.hint, mingo });
      if (docs[0]) store.remove(docs[0]);
      return { lastErrorObject: { n: docs.length }, value: project(docs[0] && ctx.engine.typed(docs[0]), fields), ok: 1 };
    }
    const existing = ctx.engine.catalog.get(ctx.db, coll);
    if (!existing && !upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const store = new CollectionStore(ctx.engine, ctx.db, existing ?? ensureCollection(ctx, coll), ctx.backend);
    const out = executeUpdate(store, {
      q: query, u: update, typedU: ctx.typedBody.update, upsert, multi: false, sort, hint: ctx.body.hint,
      arrayFilters: ctx.body.arrayFilters as Document[] | undefined,
    }, mingo);
    const lastErrorObject: Document = { n: out.n, updatedExisting: out.upsertedId === undefined && out.n > 0 };
    if (out.upsertedId !== undefined) lastErrorObject.upserted = out.upsertedId;
    const value = returnNew ? out.after : out.before && ctx.engine.typed(out.before);
    return { lastErrorObject, value: project(value, fields), ok: 1 };
  });
};
