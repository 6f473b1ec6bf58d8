import { createTranslate, type TranslateFn } from './translate.ts';

/**
 * bpmn-js module replacing the `translate` service: palette, context pad, popup menus and the
 * properties panel all read their text through it, so no library code is patched.
 */
export function createTranslateModule(getLocale: () => string): { translate: ['value', TranslateFn] } {
  return { translate: ['value', createTranslate(getLocale)] };
}

export { createTranslate, toChinese, translateTypeLabel } from './translate.ts';
