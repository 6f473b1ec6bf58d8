import { pino, type Logger, type LevelWithSilent } from 'pino';

/** Creates the structured (JSON) logger every part of the application shares. */
export function createLogger(level: LevelWithSilent): Logger {
  return pino({ level, base: { service: 'streetflow' } });
}

export type { Logger };
