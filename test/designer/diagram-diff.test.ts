import { describe, expect, it } from 'vitest';
import { diffDefinitions } from '../../designer/src/bpmn/diff/diagram-diff.ts';
import { oneTask, parse } from './support.ts';

const V1 = oneTask(`<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="post:qyfzb.reviewer" />
  <zeebe:taskHeaders><zeebe:header key="deadline" value="P5D" /></zeebe:taskHeaders></bpmn:extensionElements>`);

describe('version comparison', () => {
  it('should report no differences between identical versions', async () => {
    expect(diffDefinitions(await parse(V1), await parse(V1))).toEqual([]);
  });

  it('should list the property changes of a changed step', async () => {
    const v2 = V1.replace('P5D', 'P3D').replace('post:qyfzb.reviewer', 'office:cg').replace('name="街道审核"', 'name="城管核查"');
    const diff = diffDefinitions(await parse(V1), await parse(v2));
    expect(diff).toHaveLength(1);
    expect(diff[0]!.kind).toBe('changed');
    expect(diff[0]!.changes).toEqual([
      { property: 'name', before: '街道审核', after: '城管核查' },
      { property: 'office', before: 'post:qyfzb.reviewer', after: 'office:cg' },
      { property: 'due', before: 'P5D', after: 'P3D' },
    ]);
  });

  it('should mark added and removed elements', async () => {
    const v2 = V1.replace('<bpmn:endEvent id="E">', '<bpmn:endEvent id="E2">').replace('targetRef="E"', 'targetRef="E2"');
    const diff = diffDefinitions(await parse(V1), await parse(v2));
    const kinds = Object.fromEntries(diff.map((d) => [d.id, d.kind]));
    expect(kinds).toEqual({ E2: 'added', E: 'removed', F2: 'changed' });
    expect(diff.find((d) => d.id === 'F2')!.changes).toEqual([{ property: 'target', before: 'E', after: 'E2' }]);
  });
});
