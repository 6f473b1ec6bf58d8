/** The command table: every command docdb answers, by the name the client sends. */
import type { CommandHandler } from './context.ts';
import { aggregate } from './aggregate.ts';
import { buildInfo } from './build-info.ts';
import { count } from './count.ts';
import { create } from './create.ts';
import { createIndexes } from './create-indexes.ts';
import { deleteCommand } from './delete.ts';
import { distinct } from './distinct.ts';
import { drop } from './drop.ts';
import { dropDatabase } from './drop-database.ts';
import { dropIndexes } from './drop-indexes.ts';
import { explain } from './explain.ts';
import { find } from './find.ts';
import { findAndModify } from './find-and-modify.ts';
import { getMore } from './get-more.ts';
import { hello } from './hello.ts';
import { insert } from './insert.ts';
import { killCursors } from './kill-cursors.ts';
import { listCollections } from './list-collections.ts';
import { listDatabases } from './list-databases.ts';
import { listIndexes } from './list-indexes.ts';
import { ping } from './ping.ts';
import {
  collStats, connectionStatus, dbStats, getCmdLineOpts, getLog, getParameter, hostInfo, serverStatus, whatsmyuri,
} from './server-status.ts';
import { sessionNoop } from './sessions.ts';
import { transactionCommand } from './transactions.ts';
import { update } from './update.ts';
import { renameCollection } from './rename-collection.ts';

/** Command name → handler. Names are matched exactly, plus a lower-case alias for legacy spellings. */
export const COMMANDS: Readonly<Record<string, CommandHandler>> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping,
  buildInfo,
  buildinfo: buildInfo,
  listDatabases,
  listCollections,
  create,
  drop,
  dropDatabase,
  insert,
  find,
  getMore,
  killCursors,
  update,
  delete: deleteCommand,
  findAndModify,
  findandmodify: findAndModify,
  aggregate,
  count,
  distinct,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
  explain,
  renameCollection,
  endSessions: sessionNoop,
  killSessions: sessionNoop,
  killAllSessions: sessionNoop,
  refreshSessions: sessionNoop,
  startSession: sessionNoop,
  commitTransaction: transactionCommand,
  abortTransaction: transactionCommand,
  serverStatus,
  getParameter,
  getLog,
  hostInfo,
  whatsmyuri,
  connectionStatus,
  getCmdLineOpts,
  dbStats,
  collStats,
};
