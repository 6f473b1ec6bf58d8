/**
 * Summarises V8 .cpuprofile files (from `node --cpu-prof`): the functions with the most self time,
 * so a benchmark run can name the broker's hot spots. Also runnable on its own:
 * `npx tsx bench/broker/cpu-profile-summary.ts <dir-or-file> [top]`.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One line of the summary. */
export interface HotSpot {
  readonly where: string;
  readonly selfMs: number;
  readonly share: number;
}

function label(node: ProfileNode, root: string): string {
  const { functionName, url, lineNumber } = node.callFrame;
  let file = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  if (file.startsWith(root)) file = path.relative(root, file);
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

/** Where a profile label lives, coarsely: the package, or the source folder two levels deep. */
export function area(where: string): string {
  const file = where.split(' ').slice(1).join(' ');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1];
  if (file.startsWith('node:')) return 'node internals';
  if (!file) return where.startsWith('(') ? where : 'native / other';
  return file.split('/').slice(0, 3).join('/');
}

/** Self time per function over all profiles in `target` (a file or a directory of .cpuprofile files). */
export async function summariseProfiles(target: string, top = 20, root = process.cwd()): Promise<HotSpot[]> {
  const files = (await stat(target)).isDirectory()
    ? (await readdir(target)).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f))
    : [target];
  const self = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const dt = profile.timeDeltas[i] ?? 0;
      if (!node) return;
      const key = label(node, root);
      self.set(key, (self.get(key) ?? 0) + dt);
      if (!key.startsWith('(idle)')) total += dt;
    });
  }
  return [...self]
    .filter(([k]) => !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({ where, selfMs: us / 1000, share: total > 0 ? us / total : 0 }));
}

/** Prints the top functions and the self time per area (package or source folder), shares of busy time. */
export async function printProfileSummary(target: string, top = 25, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const all = await summariseProfiles(target, 100_000);
  out.write('self time by area (share of non-idle time):\n');
  const byArea = new Map<string, { ms: number; share: number }>();
  for (const h of all) {
    const a = area(h.where);
    const cur = byArea.get(a) ?? { ms: 0, share: 0 };
    byArea.set(a, { ms: cur.ms + h.selfMs, share: cur.share + h.share });
  }
  for (const [a, v] of [...byArea].sort((x, y) => y[1].ms - x[1].ms).slice(0, 15)) {
    out.write(`${v.ms.toFixed(0).padStart(8)} ms ${(v.share * 100).toFixed(1).padStart(5)}%  ${a}\n`);
  }
  out.write(`top ${top} functions by self time:\n`);
  for (const h of all.slice(0, top)) {
    out.write(`${h.selfMs.toFixed(0).padStart(8)} ms ${(h.share * 100).toFixed(1).padStart(5)}%  ${h.where}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [target, top] = process.argv.slice(2);
  if (!target) {
    process.stderr.write('usage: cpu-profile-summary.ts <dir-or-file> [top]\n');
    process.exit(2);
  }
  await printProfileSummary(target, Number(top ?? 25));
}
