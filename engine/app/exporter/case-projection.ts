import type { Models } from '../models/index.ts';
import type { EventBus } from '../services/events/event-bus.ts';
import type { StoredRecord } from '../models/history.ts';
import type { Case } from '../models/case.ts';

const STEP_TYPES = new Set(['USER_TASK', 'SERVICE_TASK', 'SEND_TASK', 'SCRIPT_TASK', 'BUSINESS_RULE_TASK', 'MANUAL_TASK', 'TASK', 'CALL_ACTIVITY', 'SUB_PROCESS', 'MULTI_INSTANCE_BODY', 'RECEIVE_TASK']);

interface PiValue {
  bpmnElementType?: string;
  elementId?: string;
  elementInstanceKey?: number;
}

/**
 * Applies one exported record of a case's process instance to the case document: current
 * steps, end status, incidents; a canceled user-task job closes its task.
 */
export async function projectRecord(models: Models, bus: EventBus, c: Pick<Case, '_id' | 'status' | 'createdBy'>, r: StoredRecord, stepName: (elementId: string) => string): Promise<void> {
  if (r.recordType !== 'EVENT') return;
  const value = JSON.parse(r.value) as Record<string, unknown>;
  const at = new Date(r.timestamp);
  if (r.valueType === 'PROCESS_INSTANCE') {
    const v = value as PiValue;
    const type = v.bpmnElementType ?? '';
    if (STEP_TYPES.has(type)) {
      if (r.intent === 'ELEMENT_ACTIVATED') {
        await models.Case.updateOne({ _id: c._id, 'currentSteps.elementInstanceKey': { $ne: r.key } }, { $push: { currentSteps: { elementId: v.elementId ?? '', name: stepName(v.elementId ?? ''), elementInstanceKey: r.key, since: at } } });
      } else if (r.intent === 'ELEMENT_COMPLETED' || r.intent === 'ELEMENT_TERMINATED') {
        await models.Case.updateOne({ _id: c._id }, { $pull: { currentSteps: { elementInstanceKey: r.key } } });
      }
    } else if (type === 'PROCESS') {
      if (r.intent === 'ELEMENT_COMPLETED') {
        await models.Case.updateOne({ _id: c._id, status: 'running' }, { $set: { status: 'completed', completedAt: at, currentSteps: [] } });
      } else if (r.intent === 'ELEMENT_TERMINATED') {
        await models.Case.updateOne({ _id: c._id, status: 'running' }, { $set: { status: 'terminated', completedAt: at, currentSteps: [] } });
      }
      bus.publish({ type: 'case.updated', caseId: String(c._id), groups: [], users: [c.createdBy], data: { intent: r.intent } });
    }
  } else if (r.valueType === 'INCIDENT') {
    if (r.intent === 'CREATED') {
      await models.Case.updateOne({ _id: c._id }, { $push: { incidents: { key: r.key, elementId: String(value.elementId ?? ''), errorType: String(value.errorType ?? ''), message: String(value.errorMessage ?? ''), at } } });
    } else if (r.intent === 'RESOLVED') {
      await models.Case.updateOne({ _id: c._id }, { $pull: { incidents: { key: r.key } } });
    }
  } else if (r.valueType === 'JOB' && r.intent === 'CANCELED' && value.type === 'io.camunda.zeebe:userTask') {
    const res = await models.Task.updateOne({ jobKey: r.key, status: 'open' }, { $set: { status: 'canceled', completedAt: at } });
    if (res.modifiedCount > 0) bus.publish({ type: 'task.canceled', caseId: String(c._id), groups: [], users: [], data: { jobKey: r.key } });
  }
}
