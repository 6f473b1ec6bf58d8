/**
 * Executable DRGs by resource checksum. Derived data — a pure function of the resource text — filled
 * whenever a `.dmn` resource is parsed (at deploy by the gateway, on start by the replay before the
 * DECISION_REQUIREMENTS CREATED record is applied), so processors find the model of a deployed DRG
 * without parsing (which is asynchronous) during processing.
 */
import type { ExecutableDrg } from './dmn-types.ts';

const byChecksum = new Map<string, ExecutableDrg>();

/** Remembers the executable DRG of a resource. */
export function rememberDrg(checksum: string, drg: ExecutableDrg): void {
  byChecksum.set(checksum, drg);
}

/** The executable DRG of a parsed resource, by its checksum. */
export function compiledDrg(checksum: string): ExecutableDrg | undefined {
  return byChecksum.get(checksum);
}

/** Forgets every remembered DRG (tests use it to prove that a restart re-parses what the log deployed). */
export function forgetCompiledDrgs(): void {
  byChecksum.clear();
}
