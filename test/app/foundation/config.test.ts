import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../engine/app/config/config.ts';
import { ConfigError } from '../../../engine/app/config/errors.ts';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('should use the documented defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, zeebePort: 26500, mongodbPort: 27017, logLevel: 'info' });
    expect(c.zeebeAddress).toBeUndefined();
    expect(c.mongodbUri).toBeUndefined();
    expect(c.dataDir).toBe(path.resolve('./data'));
  });

  it('should accept valid external addresses', () => {
    const c = loadConfig({ ZEEBE_ADDRESS: 'zeebe:26500', MONGODB_URI: 'mongodb://mongo:27017/streetflow?replicaSet=rs0', PORT: '9000', LOG_LEVEL: 'DEBUG' });
    expect(c).toMatchObject({ zeebeAddress: 'zeebe:26500', mongodbUri: 'mongodb://mongo:27017/streetflow?replicaSet=rs0', port: 9000, logLevel: 'debug' });
  });

  it.each([
    ['PORT', 'eighty', /PORT: "eighty" is not a TCP port \(allowed: an integer 0–65535/],
    ['PORT', '70000', /PORT: "70000" is not a TCP port/],
    ['ZEEBE_PORT', '65536', /ZEEBE_PORT: "65536" is not a TCP port/],
    ['MONGODB_PORT', '-1', /MONGODB_PORT: "-1" is not a TCP port/],
    ['ZEEBE_ADDRESS', 'http://zeebe', /ZEEBE_ADDRESS: "http:\/\/zeebe" is not valid \(allowed: host:port of a Zeebe gateway/],
    ['MONGODB_URI', 'localhost:27017', /MONGODB_URI: "localhost:27017" is not valid \(allowed: a mongodb:\/\/ or mongodb\+srv:\/\//],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: "loud" is not a log level \(allowed: fatal, error, warn, info, debug, trace, silent/],
    ['DATA_DIR', 'a\0b', /DATA_DIR: .* is not a usable path/],
  ])('should reject a bad %s with a message naming it', (name, value, expected) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('should list every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'y', ZEEBE_ADDRESS: 'nope' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'ZEEBE_ADDRESS']);
  });
});
