/** One problem of a rejected deployment, with the BPMN element it is about when the broker named one. */
export interface RejectionItem {
  element?: string;
  message: string;
}

/**
 * Splits a Zeebe deployment rejection into items. Zeebe words them as
 * "'file.bpmn': - Element: Activity_1\n    - ERROR: Must have …"; element ids quoted in other
 * messages ("element 'Gateway_2'") are picked up as well.
 */
export function parseRejection(message: string): RejectionItem[] {
  const items: RejectionItem[] = [];
  let element: string | undefined;
  for (const raw of message.split('\n')) {
    const line = raw.trim();
    const el = /(?:^|\s)Element:\s*([A-Za-z_][\w.-]*)/.exec(line);
    if (el) element = el[1];
    const err = /(?:^|\s|-)(ERROR|WARNING):\s*(.+)$/.exec(line);
    if (err && err[1] === 'ERROR') items.push({ ...(element ? { element } : {}), message: err[2]!.trim() });
  }
  if (items.length > 0) return items;
  const quoted = [...message.matchAll(/element(?: with id)? '([A-Za-z_][\w.-]*)'/gi)].map((m) => m[1]!);
  if (quoted.length > 0) return [...new Set(quoted)].map((element) => ({ element, message: message.trim() }));
  return [{ message: message.trim() }];
}
