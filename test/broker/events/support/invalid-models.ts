/** Deploy-rejection cases shared by the event test files: a model, the element it names and the problem text. */
import { expect, it } from 'vitest';
import type { EventsHarness } from './events-harness.ts';

/** One model the broker must reject at deploy. */
export interface InvalidModel {
  readonly name: string;
  readonly xml: string;
  /** Id of the element the problem must be listed under. */
  readonly elementId: string;
  /** Text the problem must contain. */
  readonly text: string;
}

/** Registers one test per model: deploying it is rejected with INVALID_ARGUMENT, naming the element and the problem. */
export function itRejectsEach(harness: () => EventsHarness, models: readonly InvalidModel[]): void {
  for (const model of models) {
    it(`should reject ${model.name}, naming element '${model.elementId}'`, async () => {
      // when
      const failure = await harness().deploy(`${model.name}.bpmn`, model.xml).then(
        () => undefined,
        (error: Error) => error,
      );
      // then
      expect(failure, 'deployment should have been rejected').toBeDefined();
      expect(failure!.message).toContain('INVALID_ARGUMENT');
      expect(failure!.message).toContain(`Element: ${model.elementId}`);
      expect(failure!.message).toContain(model.text);
    });
  }
}
