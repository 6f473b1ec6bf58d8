import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const zeebeSchema: Record<string, unknown> = require('zeebe-bpmn-moddle/resources/zeebe.json');

/** A step of a process as the worklist and the send-back operation need it. */
export interface StepSummary {
  id: string;
  name: string;
  type: string;
  formId?: string;
  headers: Record<string, string>;
}

/** The executable processes of one BPMN file. */
export interface ProcessSummary {
  id: string;
  name: string;
  steps: StepSummary[];
}

interface El {
  $type: string;
  id?: string;
  name?: string;
  formId?: string;
  key?: string;
  value?: string;
  rootElements?: El[];
  flowElements?: El[];
  extensionElements?: { values?: El[] };
  values?: El[];
}

/** Reads process ids, names and steps (user/service tasks with form ids and headers) from BPMN XML. */
export async function summariseBpmn(xml: string): Promise<ProcessSummary[]> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const defs = rootElement as El;
  return (defs.rootElements ?? [])
    .filter((e) => e.$type === 'bpmn:Process')
    .map((p) => ({ id: p.id ?? '', name: p.name ?? p.id ?? '', steps: collectSteps(p) }));
}

function collectSteps(scope: El): StepSummary[] {
  const out: StepSummary[] = [];
  for (const el of scope.flowElements ?? []) {
    if (/Task$/.test(el.$type) || el.$type === 'bpmn:StartEvent') {
      const ext = el.extensionElements?.values ?? [];
      const form = ext.find((x) => x.$type === 'zeebe:FormDefinition');
      const headers = Object.fromEntries((ext.find((x) => x.$type === 'zeebe:TaskHeaders')?.values ?? []).map((h) => [h.key ?? '', h.value ?? '']));
      out.push({ id: el.id ?? '', name: el.name ?? el.id ?? '', type: el.$type.replace('bpmn:', ''), ...(form?.formId ? { formId: form.formId } : {}), headers });
    }
    if (el.flowElements) out.push(...collectSteps(el));
  }
  return out;
}
