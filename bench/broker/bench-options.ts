/**
 * Sizes of the broker benchmark, from the environment. `BENCH_SCALE=quick` is a smoke run of a
 * minute or so; the default (`full`) uses the figures of the broker issue. Every figure can be
 * overridden on its own.
 */

/** Phases that can be picked with BENCH_ONLY (comma-separated). */
export const PHASES = ['throughput', 'steady', 'activation', 'memory', 'restart', 'reference'] as const;
export type Phase = (typeof PHASES)[number];

/** Resolved benchmark sizes. */
export interface BenchOptions {
  readonly scale: 'full' | 'quick';
  /** Concurrent creators of the throughput runs. */
  readonly concurrency: readonly number[];
  /** Measured seconds of each throughput run (after warm-up). */
  readonly durationS: number;
  readonly warmupS: number;
  /** Instances per second of the steady-rate run and its length. */
  readonly steadyRate: number;
  readonly steadyS: number;
  readonly activationSamples: number;
  /** Active instances for the memory figure, and for the restart figure. */
  readonly memoryInstances: number;
  readonly restartInstances: number;
  /** Upper bound of any single phase, in seconds; a phase that hits it reports what it reached. */
  readonly phaseMaxS: number;
  /** Upper bound for creating the active instances of the memory and restart figures, in seconds. */
  readonly rampMaxS: number;
  readonly phases: ReadonlySet<Phase>;
  /** Directory for `--cpu-prof` output of the broker process, if profiling. */
  readonly cpuProfDir: string | undefined;
}

function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got '${raw}'`);
  return value;
}

/** Reads BENCH_* variables. */
export function readBenchOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const scaleRaw = env.BENCH_SCALE ?? 'full';
  if (scaleRaw !== 'full' && scaleRaw !== 'quick') throw new Error(`BENCH_SCALE must be 'full' or 'quick', got '${scaleRaw}'`);
  const quick = scaleRaw === 'quick';
  const concurrency = (env.BENCH_CONCURRENCY ?? '1,8,64').split(',').map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_CONCURRENCY must list positive integers, got '${s}'`);
    return n;
  });
  const only = env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((p) => !(PHASES as readonly string[]).includes(p)) ?? [];
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown phase(s) ${unknown.join(', ')}; known: ${PHASES.join(', ')}`);
  return {
    scale: scaleRaw,
    concurrency,
    durationS: num('BENCH_DURATION_S', quick ? 2 : 10),
    warmupS: num('BENCH_WARMUP_S', quick ? 0.5 : 2),
    steadyRate: num('BENCH_STEADY_RATE', 100),
    steadyS: num('BENCH_STEADY_S', quick ? 5 : 30),
    activationSamples: num('BENCH_ACTIVATION_SAMPLES', quick ? 30 : 300),
    memoryInstances: num('BENCH_MEMORY_INSTANCES', quick ? 2_000 : 10_000),
    restartInstances: num('BENCH_RESTART_INSTANCES', quick ? 5_000 : 100_000),
    phaseMaxS: num('BENCH_PHASE_MAX_S', quick ? 60 : 240),
    rampMaxS: num('BENCH_RAMP_MAX_S', quick ? 60 : 600),
    phases: new Set<Phase>(only ? (only as Phase[]) : PHASES),
    cpuProfDir: env.BENCH_CPU_PROF_DIR || undefined,
  };
}
