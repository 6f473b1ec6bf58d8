/** Result of checking one dependency. */
export interface DependencyStatus {
  ok: boolean;
  /** Where the dependency was reached (address, URI without credentials). */
  target: string;
  /** What was seen: e.g. broker count, or the error message. */
  detail: string;
  latencyMs: number;
}

/** A named check for /readyz. */
export interface ReadinessCheck {
  name: string;
  target: string;
  check(): Promise<string>;
}

/** Runs one check with a timeout and never throws. */
export async function runCheck(c: ReadinessCheck, timeoutMs = 2000): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const detail = await Promise.race([
      c.check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, target: c.target, detail, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, target: c.target, detail: message, latencyMs: Math.round(performance.now() - started) };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
