import { BpmnModdle } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import type { ModdleElement } from '../../designer/src/bpmn/types.ts';

const moddle = new BpmnModdle({ zeebe });

/** Parses BPMN XML with the Zeebe extension, as the modeler does. */
export async function parse(xml: string): Promise<ModdleElement> {
  const { rootElement } = await moddle.fromXML(xml);
  return rootElement as unknown as ModdleElement;
}

/** The flow element with the id from parsed definitions. */
export function find(defs: ModdleElement, id: string): ModdleElement {
  for (const root of defs.get('rootElements') as ModdleElement[]) {
    for (const el of (root.get('flowElements') as ModdleElement[] | undefined) ?? []) if (el.id === id) return el;
  }
  throw new Error(`no element ${id}`);
}

/** A process with a start event, one user task (with the given extension XML / loop) and an end event. */
export function oneTask(taskInner: string, name = '街道审核'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="D" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="P" isExecutable="true">
    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="T" name="${name}">${taskInner}<bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="E"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T" />
    <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E" />
  </bpmn:process>
</bpmn:definitions>`;
}
