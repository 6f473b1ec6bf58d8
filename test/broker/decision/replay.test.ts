/** Replay: the decision state rebuilt from the log equals the live state, and the replayed engine evaluates decisions. */
import { describe, expect, it } from 'vitest';
import { end, flow, processXml, start } from '../engine/support/bpmn-builder.ts';
import { liveEngines, newClient, replayFromLog } from '../engine/support/engine-harness.ts';
import { startGateway } from '../../../engine/broker/gateway/gateway-server.ts';
import { forgetCompiledDrgs } from '../../../engine/broker/model/dmn/compiled-drgs.ts';
import { deleteResource, drgOf } from './support/decision-harness.ts';
import { businessRuleTask, dmnXml, literalDecision, tableDecision } from './support/dmn-builder.ts';

const drg = (fee: string) =>
  dmnXml('replay-drg', [
    literalDecision('base', fee),
    tableDecision('route', {
      requires: ['base'],
      inputs: [{ id: 'rt-base', expression: 'base' }],
      outputs: [{ id: 'rt-office', name: 'office' }],
      rules: [
        { id: 'rt-cheap', inputs: ['< 100'], outputs: ['"counter"'] },
        { id: 'rt-dear', inputs: ['>= 100'], outputs: ['"cashier"'] },
      ],
    }),
  ]);

describe('decision replay', () => {
  const startEngine = liveEngines('streetflow-dmn-replay-');

  it('should rebuild decision state from the log equal to the live state and evaluate with it', async () => {
    // given: two DRG versions (one deleted), a third, evaluations, a business rule task with an open incident
    const run = await startEngine();
    const client = run.client;
    await client.deployResource({ name: 'replay.dmn', decision: Buffer.from(drg('50')) });
    const second = await client.deployResource({ name: 'replay.dmn', decision: Buffer.from(drg('150')) });
    await client.deployResource({ name: 'replay.dmn', decision: Buffer.from(drg('250')) });
    await deleteResource(run.address, String(drgOf(second).decisionRequirementsKey));
    await client.evaluateDecision({ decisionId: 'route', variables: {} } as never);
    const xml = processXml('replay-case', [start(), businessRuleTask('pick', '=which', 'office'), end(), flow('f1', 'start', 'pick'), flow('f2', 'pick', 'end')].join('\n'));
    await client.deployResource({ name: 'replay-case.bpmn', process: Buffer.from(xml) });
    await client.createProcessInstanceWithResult({ bpmnProcessId: 'replay-case', variables: { which: 'route' }, requestTimeout: 5_000 });
    await client.createProcessInstance({ bpmnProcessId: 'replay-case', variables: { which: 'missing' } });
    // when (the executable DRGs are forgotten, so the restart must re-parse them from the log)
    const { live, liveKey, replayed } = await replayFromLog(run, () => {
      forgetCompiledDrgs();
      return {};
    });
    // then
    try {
      expect(replayed.state.snapshot()).toEqual(live);
      expect(replayed.state.keys.nextKey).toBe(liveKey);
      expect(replayed.state.decisions.latestDecision('route')?.version).toBe(3);
      const gateway = await startGateway(replayed, '127.0.0.1', 0);
      const again = newClient(`127.0.0.1:${gateway.port}`);
      try {
        const response = await again.evaluateDecision({ decisionId: 'route', variables: {} } as never);
        expect(JSON.parse(response.decisionOutput)).toBe('cashier');
        expect(response.evaluatedDecisions.map((d) => d.decisionId)).toEqual(['base', 'route']);
      } finally {
        await again.close();
        await gateway.stop();
      }
    } finally {
      await replayed.stop();
    }
  });
});
