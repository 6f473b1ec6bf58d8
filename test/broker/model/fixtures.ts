import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Reads a fixture next to the model specs (`fixtures/<name>`). */
export function fixture(name: string): Buffer {
  return readFileSync(join(here, 'fixtures', name));
}
