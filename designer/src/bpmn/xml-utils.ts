/**
 * Small BPMN XML helpers that do not need bpmn-js (so the library page stays light):
 * a blank diagram, reading the process id/name, and renaming a process for "duplicate".
 */

const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** The Zeebe version the designer lints against and writes into new diagrams. */
export const EXECUTION_PLATFORM_VERSION = '8.6.0';

/** A random, XML-safe id suffix. */
export function randomIdSuffix(): string {
  return Math.random().toString(36).slice(2, 9);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A new executable Zeebe process with one start event, ready for the modeler. */
export function blankDiagram(name: string, processId = `Process_${randomIdSuffix()}`): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="${BPMN_NS}" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${randomIdSuffix()}" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Streetflow" exporterVersion="0.1.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="${EXECUTION_PLATFORM_VERSION}">
  <bpmn:process id="${processId}" name="${escapeXml(name)}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" name="申请" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="182" y="162" width="36" height="36" />
        <bpmndi:BPMNLabel><dc:Bounds x="187" y="205" width="26" height="14" /></bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** Id and name of the first executable process in the XML (throws when the XML is not BPMN). */
export function readProcessInfo(xml: string): { id: string; name: string } {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) throw new Error('XML parse error');
  const root = doc.documentElement;
  if (root.namespaceURI !== BPMN_NS || root.localName !== 'definitions') throw new Error('not BPMN 2.0 definitions');
  const processes = Array.from(doc.getElementsByTagNameNS(BPMN_NS, 'process'));
  const p = processes.find((e) => e.getAttribute('isExecutable') === 'true') ?? processes[0];
  if (!p) throw new Error('no bpmn:process');
  return { id: p.getAttribute('id') ?? '', name: p.getAttribute('name') ?? p.getAttribute('id') ?? '' };
}

/** Copies a diagram under a new process id and name (the diagram's references follow). */
export function renameProcess(xml: string, newId: string, newName: string): string {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const processes = Array.from(doc.getElementsByTagNameNS(BPMN_NS, 'process'));
  const p = processes.find((e) => e.getAttribute('isExecutable') === 'true') ?? processes[0];
  if (!p) throw new Error('no bpmn:process');
  const oldId = p.getAttribute('id');
  p.setAttribute('id', newId);
  p.setAttribute('name', newName);
  for (const el of Array.from(doc.getElementsByTagName('*'))) {
    if (el.getAttribute('bpmnElement') === oldId) el.setAttribute('bpmnElement', newId);
    if (el.getAttribute('processRef') === oldId) el.setAttribute('processRef', newId);
  }
  return new XMLSerializer().serializeToString(doc);
}
