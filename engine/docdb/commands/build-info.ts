/** buildInfo: the MongoDB version docdb emulates (matches the reported wire version). */
import type { CommandHandler } from './context.ts';
import { LIMITS, SERVER_VERSION } from '../docdb-options.ts';

export const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'docdb',
  versionArray: [...SERVER_VERSION.split('.').map(Number), 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: LIMITS.maxBsonObjectSize,
  storageEngines: ['lmdb'],
  javascriptEngine: 'none',
  modules: [],
  ok: 1,
});
