/** explain: query plans of find, count, distinct, delete, update and aggregate (winningPlan IXSCAN/COLLSCAN). */
import type { Document } from 'bson';
import type { CommandHandler } from './context.ts';
import { findStore, mingoOptions } from './helpers.ts';
import { explainRead } from '../query/executor.ts';
import { MongoCommandError, failedToParse } from '../errors.ts';

function filterOf(name: string, cmd: Document): Document {
  switch (name) {
    case 'find': return (cmd.filter as Document | undefined) ?? {};
    case 'count':
    case 'distinct': return (cmd.query as Document | undefined) ?? {};
    case 'findAndModify': return (cmd.query as Document | undefined) ?? {};
    case 'delete': return ((cmd.deletes as Document[] | undefined)?.[0]?.q as Document | undefined) ?? {};
    case 'update': return ((cmd.updates as Document[] | undefined)?.[0]?.q as Document | undefined) ?? {};
    case 'aggregate': {
      const first = (cmd.pipeline as Document[] | undefined)?.[0];
      return first && '$match' in first ? (first.$match as Document) : {};
    }
    default: throw new MongoCommandError('CommandNotFound', `Explain failed due to unknown command: ${name}`);
  }
}

export const explain: CommandHandler = (ctx) => {
  const cmd = ctx.body.explain as Document | undefined;
  if (!cmd || typeof cmd !== 'object') throw failedToParse('explain command requires a nested object');
  const name = Object.keys(cmd)[0];
  const filter = filterOf(name, cmd);
  const coll = cmd[name];
  const verbosity = typeof ctx.body.verbosity === 'string' ? ctx.body.verbosity : 'allPlansExecution';
  const store = typeof coll === 'string' ? findStore(ctx, coll) : undefined;
  if (!store) {
    return { queryPlanner: { namespace: `${ctx.db}.${String(coll)}`, winningPlan: { stage: 'EOF' }, rejectedPlans: [] }, ok: 1 };
  }
  const spec = name === 'find'
    ? { filter, sort: cmd.sort as Document | undefined, skip: cmd.skip as number | undefined, limit: cmd.limit as number | undefined, projection: cmd.projection as Document | undefined, hint: cmd.hint, mingo: mingoOptions(cmd) }
    : { filter, hint: cmd.hint, mingo: mingoOptions(cmd) };
  return { ...explainRead(store, spec, verbosity), command: cmd, ok: 1 };
};
