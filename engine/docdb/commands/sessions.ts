/** endSessions / killSessions / refreshSessions: sessions hold no server state in docdb. */
import type { CommandHandler } from './context.ts';

export const sessionNoop: CommandHandler = () => ({ ok: 1 });
