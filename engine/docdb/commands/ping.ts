/** ping: liveness. */
import type { CommandHandler } from './context.ts';

export const ping: CommandHandler = () => ({ ok: 1 });
