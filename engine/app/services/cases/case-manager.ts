import type { ZBClient } from 'zeebe-node';
import type { Logger } from '../../logger.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Applicant, Case } from '../../models/case.ts';
import type { Models } from '../../models/index.ts';
import type { HistoryService } from '../audit/history-service.ts';
import type { EventBus } from '../events/event-bus.ts';
import { nextCaseNumber } from './case-number.ts';
import { NO_OBSERVER, type RecordObserver } from '../../exporter/app-observer.ts';

/** Called once a case knows its process instance, so records seen earlier can be chained. */
export type InstanceLinkedHook = (processInstanceKey: string) => Promise<void>;

/** Files cases: numbers them, starts their process instance, records who did it. */
export class CaseManager {
  onInstanceLinked: InstanceLinkedHook = async () => {};

  constructor(
    private readonly models: Models,
    private readonly zeebe: ZBClient,
    private readonly history: HistoryService,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly prefix: string,
    private readonly observer: RecordObserver = NO_OBSERVER,
  ) {}

  /** Creates the case document, then the process instance (latest version). */
  async create(p: Principal, bpmnProcessId: string, applicant: Applicant, variables: Record<string, unknown>): Promise<Case> {
    const version = await this.models.ProcessVersion.findOne({ bpmnProcessId }).sort({ version: -1 }).lean();
    if (!version) throw new ProblemError(404, 'Not Found', `process ${bpmnProcessId} is not deployed`, { field: 'body.bpmnProcessId' });
    const caseNumber = await nextCaseNumber(this.models, this.prefix);
    const doc = await this.models.Case.create({
      caseNumber,
      bpmnProcessId,
      processName: version.name,
      processVersion: version.version,
      processDefinitionKey: version.processDefinitionKey,
      applicant,
      status: 'creating',
      variables,
      createdBy: p.username,
      createdByOffices: p.offices,
    });
    const caseId = String(doc._id);
    await this.history.append(caseId, { kind: 'action', actor: p.username, action: 'case.filed', payload: { caseNumber, bpmnProcessId, version: version.version, applicant, variables } });
    try {
      const created = await this.zeebe.createProcessInstance({
        bpmnProcessId,
        version: version.version,
        variables: { ...variables, caseId, caseNumber, applicant: { ...applicant }, filedBy: p.username },
      });
      const processInstanceKey = String(created.processInstanceKey);
      // Linked unconditionally (a process that reaches case-close at once may already have ended the
      // case); marked running only while still creating — one write (pipeline update).
      await this.models.Case.updateOne({ _id: doc._id }, [
        { $set: { processInstanceKey, status: { $cond: [{ $eq: ['$status', 'creating'] }, 'running', '$status'] } } },
      ], { updatePipeline: true });
      await this.observer.observe(caseId, 'PROCESS_INSTANCE_CREATION.CREATED', { processInstanceKey, bpmnProcessId, version: version.version, processDefinitionKey: String(created.processDefinitionKey) });
      // Records exported before the link waited for it; chain them without holding up the request.
      void this.onInstanceLinked(processInstanceKey).catch((err: unknown) => this.logger.error({ err, caseNumber }, 'chaining the first records failed; the exporter retries with its next batch'));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.models.Case.updateOne({ _id: doc._id }, { $set: { status: 'failed', outcome: message } });
      await this.history.append(caseId, { kind: 'action', actor: null, action: 'case.start-failed', payload: { message } });
      this.logger.error({ err, caseNumber }, 'process instance could not be created');
      throw new ProblemError(502, 'Broker unavailable', `case ${caseNumber} was recorded but its process could not start: ${message}`);
    }
    this.bus.publish({ type: 'case.updated', caseId, groups: [], users: [p.username], data: { caseNumber, status: 'running' } });
    return (await this.models.Case.findById(doc._id).lean())!;
  }
}
