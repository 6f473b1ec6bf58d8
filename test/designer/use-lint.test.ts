import { describe, expect, it } from 'vitest';
import { useLint } from '../../designer/src/composables/use-lint.ts';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="D1" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="P1" name="测试" isExecutable="true"><bpmn:startEvent id="S" /></bpmn:process></bpmn:definitions>`;

describe('debounced linting', () => {
  it('should mark a lint as pending from a change until the result of the latest diagram is applied', async () => {
    // given the linter of a modeler
    const lint = useLint(() => true, (key) => key);
    expect(lint.pending.value).toBe(false);
    // when two changes follow each other within the debounce
    let reads = 0;
    let resolveRead!: () => void;
    const read = new Promise<void>((resolve) => (resolveRead = resolve));
    const getXml = async (): Promise<string> => {
      reads++;
      resolveRead();
      return XML;
    };
    lint.schedule(getXml, 20);
    lint.schedule(getXml, 20);
    // then it is pending at once, and stays pending until the one lint has run
    expect(lint.pending.value).toBe(true);
    await read;
    const until = Date.now() + 15_000;
    while (lint.pending.value && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(lint.pending.value).toBe(false);
    expect(reads).toBe(1);
    expect(lint.problems.value.length).toBeGreaterThan(0);
  });
});
