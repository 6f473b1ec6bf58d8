import type { BpmnFactory, CommandSpec, CommandStack, DiagramElement, ModdleElement } from '../types.ts';
import { ExtensionBatch } from './extension-batch.ts';
import {
  APPLICANT_VISIT_PROPERTY, DUE_HEADER, SIGNER_ELEMENT, completionConditionFor, getSignSettings,
  signersToCollection, workdaysToDuration, type SignMode,
} from './zeebe-ext.ts';

const MULTI = 'streetflow.multi';

/** Runs a list of commands as one undoable step. */
class MultiCommandHandler {
  static $inject = ['commandStack'];
  constructor(private readonly commandStack: CommandStack) {}
  preExecute(context: CommandSpec[]): void {
    for (const c of context) this.commandStack.execute(c.cmd, c.context);
  }
}

/** What a template or the properties panel may set on a user task at once. */
export interface StepSettings {
  name?: string;
  candidateGroups?: string;
  dueWorkdays?: number;
  applicantVisit?: boolean;
  formId?: string | null;
  sign?: { mode: SignMode; ratio?: number; signers?: string[] };
  jobType?: string;
  /** Task headers to set (value undefined removes the header). */
  headers?: Record<string, string | undefined>;
}

/**
 * Writes Streetflow's domain properties as Zeebe XML through bpmn-js commands
 * (undoable; one user action = one command).
 */
export class StreetflowWriter {
  static $inject = ['bpmnFactory', 'commandStack'];

  constructor(private readonly bpmnFactory: BpmnFactory, private readonly commandStack: CommandStack) {
    commandStack.registerHandler(MULTI, MultiCommandHandler);
  }

  /** Applies several settings to one element as a single undoable command. */
  update(element: DiagramElement, s: StepSettings): void {
    const bo = element.businessObject;
    const b = new ExtensionBatch(element, this.bpmnFactory);
    if (s.name !== undefined) b.set(bo, { name: s.name });
    if (s.candidateGroups !== undefined) this.writeGroups(b, bo, s.candidateGroups);
    if (s.dueWorkdays !== undefined) this.writeHeader(b, bo, DUE_HEADER, workdaysToDuration(s.dueWorkdays));
    if (s.applicantVisit !== undefined) this.writeProperty(b, bo, APPLICANT_VISIT_PROPERTY, s.applicantVisit ? 'true' : undefined);
    if (s.formId !== undefined) {
      if (s.formId) b.set(b.child(bo, 'zeebe:FormDefinition'), { formId: s.formId });
      else b.remove(bo, 'zeebe:FormDefinition');
    }
    if (s.jobType !== undefined) b.set(b.child(bo, 'zeebe:TaskDefinition'), { type: s.jobType });
    for (const [key, value] of Object.entries(s.headers ?? {})) this.writeHeader(b, bo, key, value);
    const commands = b.build();
    if (s.sign) commands.push(...this.signCommands(element, s.sign));
    if (commands.length > 0) this.commandStack.execute(MULTI, commands);
  }

  private writeGroups(b: ExtensionBatch, bo: ModdleElement, groups: string): void {
    if (groups) b.set(b.child(bo, 'zeebe:AssignmentDefinition'), { candidateGroups: groups });
    else {
      const a = b.find(bo, 'zeebe:AssignmentDefinition');
      if (a) b.set(a, { candidateGroups: undefined });
    }
  }

  private writeHeader(b: ExtensionBatch, bo: ModdleElement, key: string, value: string | undefined): void {
    const existing = b.find(bo, 'zeebe:TaskHeaders');
    if (!existing && value === undefined) return;
    const headers = existing ?? b.child(bo, 'zeebe:TaskHeaders', { values: [] });
    const values = (headers.get('values') as ModdleElement[] | undefined) ?? [];
    const rest = values.filter((h) => h.get('key') !== key);
    const next = value === undefined ? rest : [...rest, b.create('zeebe:Header', { key, value })];
    for (const h of next) h.$parent = headers;
    if (next.length === 0) b.remove(bo, 'zeebe:TaskHeaders');
    else b.set(headers, { values: next });
  }

  private writeProperty(b: ExtensionBatch, bo: ModdleElement, name: string, value: string | undefined): void {
    const existing = b.find(bo, 'zeebe:Properties');
    if (!existing && value === undefined) return;
    const props = existing ?? b.child(bo, 'zeebe:Properties', { properties: [] });
    const values = (props.get('properties') as ModdleElement[] | undefined) ?? [];
    const rest = values.filter((p) => p.get('name') !== name);
    const next = value === undefined ? rest : [...rest, b.create('zeebe:Property', { name, value })];
    for (const p of next) p.$parent = props;
    if (next.length === 0) b.remove(bo, 'zeebe:Properties');
    else b.set(props, { properties: next });
  }

  private signCommands(element: DiagramElement, sign: NonNullable<StepSettings['sign']>): CommandSpec[] {
    const bo = element.businessObject;
    const current = getSignSettings(bo);
    const signers = sign.signers ?? current.signers;
    const out: CommandSpec[] = [];
    const upd = (target: ModdleElement, properties: Record<string, unknown>): void => {
      out.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: target, properties } });
    };
    if (sign.mode === 'single') {
      if (bo.get('loopCharacteristics')) upd(bo, { loopCharacteristics: undefined });
      const groups = signers[0];
      if (current.mode !== 'single' && groups) {
        const b = new ExtensionBatch(element, this.bpmnFactory);
        this.writeGroups(b, bo, groups);
        out.push(...b.build());
      }
      return out;
    }
    const loop = this.bpmnFactory.create('bpmn:MultiInstanceLoopCharacteristics', { isSequential: false });
    loop.$parent = bo;
    const zeebeLoop = this.bpmnFactory.create('zeebe:LoopCharacteristics', {
      inputCollection: signersToCollection(signers),
      inputElement: SIGNER_ELEMENT,
    });
    const ext = this.bpmnFactory.create('bpmn:ExtensionElements', { values: [zeebeLoop] });
    zeebeLoop.$parent = ext;
    ext.$parent = loop;
    loop.set('extensionElements', ext);
    const cond = completionConditionFor(sign.mode, sign.ratio);
    if (cond) {
      const expr = this.bpmnFactory.create('bpmn:FormalExpression', { body: cond });
      expr.$parent = loop;
      loop.set('completionCondition', expr);
    }
    upd(bo, { loopCharacteristics: loop });
    const b = new ExtensionBatch(element, this.bpmnFactory);
    this.writeGroups(b, bo, `=${SIGNER_ELEMENT}`);
    out.push(...b.build());
    return out;
  }
}
