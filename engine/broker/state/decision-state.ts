/**
 * Deployed decision requirements graphs (DRGs) and decisions: by key, by id and version, and the
 * highest version each id ever had (deleted versions' numbers are never reused). Changed only by the
 * DECISION_REQUIREMENTS and DECISION appliers; the executable DRGs are derived data found by checksum.
 */
import type { DecisionRequirementsValue, DecisionValue } from '../protocol/decision-records.ts';

/** Read access to deployed decisions. */
export interface ReadonlyDecisionState {
  drgByKey(decisionRequirementsKey: number): DecisionRequirementsValue | undefined;
  latestDrg(decisionRequirementsId: string): DecisionRequirementsValue | undefined;
  /** The highest version a DRG id ever had (0 when never deployed). */
  highestDrgVersion(decisionRequirementsId: string): number;
  decisionByKey(decisionKey: number): DecisionValue | undefined;
  latestDecision(decisionId: string): DecisionValue | undefined;
  /** Deployed (not deleted) versions of a decision id, highest first. */
  decisionVersions(decisionId: string): DecisionValue[];
  /** The highest version a decision id ever had (0 when never deployed). */
  highestDecisionVersion(decisionId: string): number;
  /** The decisions of a DRG version. */
  decisionsOfDrg(decisionRequirementsKey: number): DecisionValue[];
}

/** Versions of one id: the live ones and the highest number ever given. */
class IdVersions<T extends { version: number }> {
  readonly byVersion = new Map<number, T>();
  highest = 0;

  latest(): T | undefined {
    let best: T | undefined;
    for (const value of this.byVersion.values()) if (!best || value.version > best.version) best = value;
    return best;
  }
}

function versionsIn<T extends { version: number }>(all: Map<string, IdVersions<T>>, id: string): IdVersions<T> {
  let versions = all.get(id);
  if (!versions) all.set(id, (versions = new IdVersions<T>()));
  return versions;
}

/** A DRG keyed by `version` for the shared version bookkeeping. */
type VersionedDrg = DecisionRequirementsValue & { version: number };

/** Decision state; changed only by appliers. */
export class DecisionState implements ReadonlyDecisionState {
  private readonly drgs = new Map<number, DecisionRequirementsValue>();
  private readonly drgVersions = new Map<string, IdVersions<VersionedDrg>>();
  private readonly decisions = new Map<number, DecisionValue>();
  private readonly decisionVersionsById = new Map<string, IdVersions<DecisionValue>>();
  /** Decision keys per DRG key (derived index, not in the snapshot). */
  private readonly decisionKeysByDrg = new Map<number, Set<number>>();

  drgByKey(decisionRequirementsKey: number): DecisionRequirementsValue | undefined {
    return this.drgs.get(decisionRequirementsKey);
  }

  latestDrg(decisionRequirementsId: string): DecisionRequirementsValue | undefined {
    return this.drgVersions.get(decisionRequirementsId)?.latest();
  }

  highestDrgVersion(decisionRequirementsId: string): number {
    return this.drgVersions.get(decisionRequirementsId)?.highest ?? 0;
  }

  decisionByKey(decisionKey: number): DecisionValue | undefined {
    return this.decisions.get(decisionKey);
  }

  latestDecision(decisionId: string): DecisionValue | undefined {
    return this.decisionVersionsById.get(decisionId)?.latest();
  }

  decisionVersions(decisionId: string): DecisionValue[] {
    const versions = this.decisionVersionsById.get(decisionId);
    return versions ? [...versions.byVersion.values()].sort((a, b) => b.version - a.version) : [];
  }

  highestDecisionVersion(decisionId: string): number {
    return this.decisionVersionsById.get(decisionId)?.highest ?? 0;
  }

  decisionsOfDrg(decisionRequirementsKey: number): DecisionValue[] {
    const keys = this.decisionKeysByDrg.get(decisionRequirementsKey) ?? new Set<number>();
    return [...keys].map((key) => this.decisions.get(key)).filter((decision): decision is DecisionValue => decision !== undefined);
  }

  putDrg(drg: DecisionRequirementsValue): void {
    this.drgs.set(drg.decisionRequirementsKey, drg);
    const versions = versionsIn(this.drgVersions, drg.decisionRequirementsId);
    versions.byVersion.set(drg.decisionRequirementsVersion, { ...drg, version: drg.decisionRequirementsVersion });
    versions.highest = Math.max(versions.highest, drg.decisionRequirementsVersion);
  }

  deleteDrg(decisionRequirementsKey: number): void {
    const drg = this.drgs.get(decisionRequirementsKey);
    if (!drg) return;
    this.drgs.delete(decisionRequirementsKey);
    this.drgVersions.get(drg.decisionRequirementsId)?.byVersion.delete(drg.decisionRequirementsVersion);
  }

  putDecision(decision: DecisionValue): void {
    this.decisions.set(decision.decisionKey, decision);
    let keys = this.decisionKeysByDrg.get(decision.decisionRequirementsKey);
    if (!keys) this.decisionKeysByDrg.set(decision.decisionRequirementsKey, (keys = new Set()));
    keys.add(decision.decisionKey);
    const versions = versionsIn(this.decisionVersionsById, decision.decisionId);
    versions.byVersion.set(decision.version, decision);
    versions.highest = Math.max(versions.highest, decision.version);
  }

  deleteDecision(decisionKey: number): void {
    const decision = this.decisions.get(decisionKey);
    if (!decision) return;
    this.decisions.delete(decisionKey);
    const keys = this.decisionKeysByDrg.get(decision.decisionRequirementsKey);
    keys?.delete(decisionKey);
    if (keys?.size === 0) this.decisionKeysByDrg.delete(decision.decisionRequirementsKey);
    this.decisionVersionsById.get(decision.decisionId)?.byVersion.delete(decision.version);
  }

  /** Comparable snapshot for the replay test. */
  snapshot(): unknown {
    const highest = (all: Map<string, { highest: number }>) => [...all].map(([id, versions]) => [id, versions.highest]);
    return {
      drgs: [...this.drgs.values()],
      decisions: [...this.decisions.values()],
      highestDrgVersions: highest(this.drgVersions),
      highestDecisionVersions: highest(this.decisionVersionsById),
    };
  }
}
