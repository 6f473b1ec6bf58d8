import { describe, expect, it } from 'vitest';
import { blankDiagram, readProcessInfo, renameProcess } from '../../designer/src/bpmn/xml-utils.ts';
import { lintXml } from '../../designer/src/bpmn/lint/run-lint.ts';

describe('diagram files', () => {
  it('should create a blank Zeebe diagram that names its process and declares the execution platform', async () => {
    const xml = blankDiagram('旧址重建', 'Process_jz');
    expect(readProcessInfo(xml)).toEqual({ id: 'Process_jz', name: '旧址重建' });
    expect(xml).toContain('modeler:executionPlatform="Camunda Cloud"');
    // the linter runs the Camunda rules only when the platform is declared: a lone start event has no end
    const { problems } = await lintXml(xml);
    expect(problems.map((p) => p.rule)).toContain('end-event-required');
  });

  it('should duplicate a diagram under a new process id, keeping the diagram linked to it', () => {
    const copy = renameProcess(blankDiagram('旧址重建', 'Process_jz'), 'Process_copy', '旧址重建（副本）');
    expect(readProcessInfo(copy)).toEqual({ id: 'Process_copy', name: '旧址重建（副本）' });
    expect(copy).toContain('bpmnElement="Process_copy"');
    expect(copy).not.toContain('Process_jz');
  });

  it('should refuse a file that is not BPMN', () => {
    expect(() => readProcessInfo('<html></html>')).toThrow(/not BPMN/);
    expect(() => readProcessInfo('not xml')).toThrow();
  });
});
