// Builds the designer into designer/dist when it is missing or older than its sources.
// Used by `npm start` and `npm test` (prestart/pretest) so a fresh clone needs no extra step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const designer = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(designer, 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = [path.join(designer, 'src'), path.join(designer, 'index.html'), path.join(designer, 'vite.config.ts'), path.join(designer, 'public')]
  .filter((p) => existsSync(p))
  .map((p) => (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs));
const stale = !existsSync(built) || statSync(built).mtimeMs < Math.max(...sources);

if (!stale) {
  console.log('designer: build is up to date (designer/dist)');
} else {
  console.log('designer: building designer/dist …');
  const r = spawnSync(process.execPath, [path.join(designer, '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(designer, 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
