/**
 * BPMN written by hand or by other tools may have no diagram interchange (BPMNDI): bpmn-js then has
 * "no diagram to display". Such files are laid out automatically (bpmn-auto-layout, loaded only when
 * needed); every Zeebe extension element is kept.
 */
export async function ensureDiagram(xml: string): Promise<{ xml: string; laidOut: boolean }> {
  if (/<(\w+:)?BPMNShape\b/.test(xml)) return { xml, laidOut: false };
  const { layoutProcess } = await import('bpmn-auto-layout');
  return { xml: await layoutProcess(xml), laidOut: true };
}
