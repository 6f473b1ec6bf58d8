/**
 * Runs the benchmark suites: `npm run bench` (all) or `npm run bench -- broker docdb designer`.
 * Each suite is a script bench/<name>/run.ts that prints a table; results go into BENCHMARKS.md by hand,
 * together with the machine they ran on (printed first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const known = ['docdb', 'broker', 'designer'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const suites = wanted.length > 0 ? wanted : known;

const unknown = suites.filter((s) => !known.includes(s));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown suite(s) ${unknown.join(', ')}; known: ${known.join(', ')}\n`);
  process.exit(2);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(`machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}\n`);

let failed = 0;
for (const suite of suites) {
  const script = path.join(here, suite, 'run.ts');
  if (!existsSync(script)) {
    process.stdout.write(`\n## ${suite}: no benchmark script yet (${path.relative(process.cwd(), script)})\n`);
    continue;
  }
  process.stdout.write(`\n## ${suite}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
