/**
 * Entry point: reads and validates the configuration first (so a bad value fails fast with a
 * message naming it), then loads and runs the composition root in start.ts.
 */
import { loadConfig, type Config } from './config/config.ts';
import { ConfigError } from './config/errors.ts';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`streetflow: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

const config = readConfig();
const { start } = await import('./start.ts');
await start(config);
