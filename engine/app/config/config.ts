import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `${name}: "${raw}" is not a TCP port (allowed: an integer 0–65535, 0 = any free port; default ${fallback})` });
        return z.NEVER;
      }
      return n;
    });

const optionalUrl = (name: string, check: (v: string) => boolean, allowed: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined;
      const v = raw.trim();
      if (!check(v)) {
        ctx.addIssue({ code: 'custom', message: `${name}: "${raw}" is not valid (allowed: ${allowed})` });
        return z.NEVER;
      }
      return v;
    });

/** host:port, as zeebe-node and zbctl accept it. */
const isHostPort = (v: string): boolean => {
  const m = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(v);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 65535;
};

const isMongoUri = (v: string): boolean => /^mongodb(\+srv)?:\/\/[^\s]+$/.test(v);

const schema = z.object({
  PORT: port('PORT', 8080),
  HOST: z.string().optional().transform((v) => (v && v.trim() !== '' ? v.trim() : '0.0.0.0')),
  DATA_DIR: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = raw === undefined || raw.trim() === '' ? './data' : raw.trim();
      if (v.includes('\0')) {
        ctx.addIssue({ code: 'custom', message: `DATA_DIR: "${raw}" is not a usable path (allowed: a directory path, default ./data)` });
        return z.NEVER;
      }
      return path.resolve(v);
    }),
  ZEEBE_ADDRESS: optionalUrl('ZEEBE_ADDRESS', isHostPort, 'host:port of a Zeebe gateway, e.g. localhost:26500; unset to start the embedded broker'),
  ZEEBE_PORT: port('ZEEBE_PORT', 26500),
  MONGODB_URI: optionalUrl('MONGODB_URI', isMongoUri, 'a mongodb:// or mongodb+srv:// connection string; unset to start the embedded document store'),
  MONGODB_PORT: port('MONGODB_PORT', 27017),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = raw === undefined || raw.trim() === '' ? 'info' : raw.trim().toLowerCase();
      if (!(LOG_LEVELS as readonly string[]).includes(v)) {
        ctx.addIssue({ code: 'custom', message: `LOG_LEVEL: "${raw}" is not a log level (allowed: ${LOG_LEVELS.join(', ')}; default info)` });
        return z.NEVER;
      }
      return v as (typeof LOG_LEVELS)[number];
    }),
});

/** Streetflow's validated configuration. Read once at start by {@link loadConfig}. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Set → use that Zeebe gateway; unset → start the embedded broker on {@link Config.zeebePort}. */
  zeebeAddress: string | undefined;
  zeebePort: number;
  /** Set → use that MongoDB; unset → start the embedded document store on {@link Config.mongodbPort}. */
  mongodbUri: string | undefined;
  mongodbPort: number;
  logLevel: (typeof LOG_LEVELS)[number];
}

/**
 * Reads and validates the configuration from an environment.
 * @throws ConfigError naming every bad variable and what it allows.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse({
    PORT: env.PORT,
    HOST: env.HOST,
    DATA_DIR: env.DATA_DIR,
    ZEEBE_ADDRESS: env.ZEEBE_ADDRESS,
    ZEEBE_PORT: env.ZEEBE_PORT,
    MONGODB_URI: env.MONGODB_URI,
    MONGODB_PORT: env.MONGODB_PORT,
    LOG_LEVEL: env.LOG_LEVEL,
  });
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => i.message));
  }
  const c = result.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: c.DATA_DIR,
    zeebeAddress: c.ZEEBE_ADDRESS,
    zeebePort: c.ZEEBE_PORT,
    mongodbUri: c.MONGODB_URI,
    mongodbPort: c.MONGODB_PORT,
    logLevel: c.LOG_LEVEL,
  };
}
