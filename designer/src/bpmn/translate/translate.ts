import { TYPE_WORDS, ZH_CN } from './zh-cn-dictionary.ts';

/** Replacements in a bpmn-js translate template ("Open {element}"). */
export type TranslateReplacements = Record<string, string | number | undefined>;

/** The signature bpmn-js expects of its `translate` service. */
export type TranslateFn = (template: string, replacements?: TranslateReplacements) => string;

const lowerIndex = new Map(Object.entries(ZH_CN).map(([k, v]) => [k.toLowerCase(), v]));
const typeWords = [...TYPE_WORDS].sort((a, b) => b[0].length - a[0].length);

/**
 * Translates an element-type label made of known words ("Timer Start Event (Non Interrupting)",
 * "Message boundary event (non-interrupting)"); returns undefined when any word is unknown.
 */
export function translateTypeLabel(text: string): string | undefined {
  const m = /^(.*?)\s*(?:\(([^)]*)\))?\s*$/.exec(text.trim());
  if (!m) return undefined;
  const main = phrase(m[1] ?? '');
  if (main === undefined) return undefined;
  if (!m[2]) return main;
  const suffix = phrase(m[2]);
  return suffix === undefined ? undefined : `${main}（${suffix}）`;
}

function phrase(text: string): string | undefined {
  let rest = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (!rest) return undefined;
  let out = '';
  while (rest.length > 0) {
    const hit = typeWords.find(([en]) => rest === en || rest.startsWith(`${en} `));
    if (!hit) return undefined;
    out += hit[1];
    rest = rest.slice(hit[0].length).trim();
  }
  return out;
}

function fill(template: string, replacements: TranslateReplacements = {}): string {
  return template.replace(/{([^}]+)}/g, (_, key: string) => {
    const v = replacements[key];
    return v === undefined ? `{${key}}` : String(v);
  });
}

/** Looks up the Chinese text of one library string (exact, then case-insensitive, then word by word). */
export function toChinese(template: string): string | undefined {
  return ZH_CN[template] ?? lowerIndex.get(template.toLowerCase()) ?? translateTypeLabel(template);
}

/**
 * Creates the bpmn-js `translate` service. With 'zh-CN' every known string becomes Chinese; unknown
 * strings stay as they are (and are reported through `onMissing`, which tests use).
 */
export function createTranslate(getLocale: () => string, onMissing?: (template: string) => void): TranslateFn {
  return (template, replacements) => {
    if (getLocale() !== 'zh-CN') return fill(template, replacements);
    const zh = toChinese(template);
    if (zh === undefined) onMissing?.(template);
    return fill(zh ?? template, replacements);
  };
}
