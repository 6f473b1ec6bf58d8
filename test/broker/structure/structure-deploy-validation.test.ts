/** Deploy validation of structural elements through zeebe-node: each problem names its element. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, processXml, start } from '../engine/support/bpmn-builder.ts';
import { startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';

const cases: { name: string; body: string; elementId: string; message: string }[] = [
  {
    name: 'a sub-process without a start event',
    body: [start(), `<bpmn:subProcess id="emptySub">${end('inner-end')}</bpmn:subProcess>`, end(), flow('f1', 'start', 'emptySub'), flow('f2', 'emptySub', 'end')].join(''),
    elementId: 'emptySub',
    message: 'Must have exactly one start event',
  },
  {
    name: 'an event sub-process with a none start event',
    body: [start(), `<bpmn:subProcess id="onError" triggeredByEvent="true">${start('e-start')}${end('e-end')}${flow('e1', 'e-start', 'e-end')}</bpmn:subProcess>`, end(), flow('f1', 'start', 'end')].join(''),
    elementId: 'onError',
    message: 'Start events in event subprocesses must be one of: message, timer, error, signal or escalation',
  },
  {
    name: 'an inclusive gateway without outgoing flows',
    body: [start(), '<bpmn:inclusiveGateway id="deadFork" />', flow('f1', 'start', 'deadFork')].join(''),
    elementId: 'deadFork',
    message: 'Must have at least one outgoing sequence flow',
  },
];

describe('deploy validation of sub-processes and inclusive gateways', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h.close();
  });

  for (const c of cases) {
    it(`should reject ${c.name} naming element '${c.elementId}'`, async () => {
      // when
      const error = await h.client.deployResource({ name: 'bad.bpmn', process: Buffer.from(processXml('bad', c.body)) }).catch((e: Error) => e);
      // then
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      expect(message).toContain(`- Element: ${c.elementId}`);
      expect(message).toContain(c.message);
    });
  }
});
