import { describe, expect, it } from 'vitest';
import {
  collectionToSigners, completionConditionFor, durationToWorkdays, getCandidateGroups, getDueDuration, getSignSettings,
  signersToCollection, workdaysToDuration,
} from '../../designer/src/bpmn/streetflow/zeebe-ext.ts';
import { find, oneTask, parse } from './support.ts';

function countersign(condition: string | null): string {
  const cond = condition === null ? '' : `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${condition}</bpmn:completionCondition>`;
  return `<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="=signerGroup" /></bpmn:extensionElements>
    <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements>
      <zeebe:loopCharacteristics inputCollection="${signersToCollection(['office:qyfzb', 'post:cg.inspector']).replace(/"/g, '&quot;')}" inputElement="signerGroup" />
    </bpmn:extensionElements>${cond}</bpmn:multiInstanceLoopCharacteristics>`;
}

describe('Streetflow properties in Zeebe XML', () => {
  it('should read office and 办结时限 from the assignment definition and the deadline header', async () => {
    const defs = await parse(oneTask(`<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="post:qyfzb.reviewer" />
      <zeebe:taskHeaders><zeebe:header key="deadline" value="P5D" /></zeebe:taskHeaders></bpmn:extensionElements>`));
    const task = find(defs, 'T');
    expect(getCandidateGroups(task)).toBe('post:qyfzb.reviewer');
    expect(getDueDuration(task)).toBe('P5D');
    expect(durationToWorkdays(getDueDuration(task))).toBe(5);
  });

  it('should convert working days to durations and back, treating 0 as no limit', () => {
    expect(workdaysToDuration(3)).toBe('P3D');
    expect(workdaysToDuration(0)).toBeUndefined();
    expect(durationToWorkdays('PT4H')).toBeUndefined();
  });

  it('should write the completion condition Zeebe evaluates for 会签, 或签 and 比例', () => {
    expect(completionConditionFor('all')).toBeUndefined();
    expect(completionConditionFor('any')).toBe('=numberOfCompletedInstances >= 1');
    expect(completionConditionFor('ratio', 60)).toBe('=numberOfCompletedInstances / numberOfInstances >= 0.6');
  });

  it('should read the countersign mode and signers back from a multi-instance user task', async () => {
    const all = getSignSettings(find(await parse(oneTask(countersign(null))), 'T'));
    expect(all).toEqual({ mode: 'all', signers: ['office:qyfzb', 'post:cg.inspector'] });
    const any = getSignSettings(find(await parse(oneTask(countersign('=numberOfCompletedInstances &gt;= 1'))), 'T'));
    expect(any.mode).toBe('any');
    const ratio = getSignSettings(find(await parse(oneTask(countersign('=numberOfCompletedInstances / numberOfInstances &gt;= 0.75'))), 'T'));
    expect(ratio).toEqual({ mode: 'ratio', ratio: 75, signers: ['office:qyfzb', 'post:cg.inspector'] });
    const single = getSignSettings(find(await parse(oneTask('')), 'T'));
    expect(single.mode).toBe('single');
  });

  it('should round-trip signer groups through the FEEL list literal, including quotes', () => {
    const groups = ['office:a', 'post:"b"'];
    expect(collectionToSigners(signersToCollection(groups))).toEqual(groups);
    expect(collectionToSigners('=signers')).toEqual([]);
  });
});
