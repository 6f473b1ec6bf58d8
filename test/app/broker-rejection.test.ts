import { describe, expect, it } from 'vitest';
import { parseRejection } from '../../engine/app/services/deployments/broker-rejection.ts';

describe('broker rejection parsing', () => {
  it('should attach each error to the element it is listed under', () => {
    const msg = "Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following errors:\n'a.bpmn': - Element: Activity_1\n    - ERROR: Must have exactly one 'zeebe:taskDefinition' extension element\n- Element: Gateway_2\n    - ERROR: Must have at least one outgoing sequence flow\n    - WARNING: ignored";
    expect(parseRejection(msg)).toEqual([
      { element: 'Activity_1', message: "Must have exactly one 'zeebe:taskDefinition' extension element" },
      { element: 'Gateway_2', message: 'Must have at least one outgoing sequence flow' },
    ]);
  });

  it('should fall back to element ids quoted in free text, then to the whole message', () => {
    expect(parseRejection("Expected element with id 'Task_9' to exist")).toEqual([{ element: 'Task_9', message: "Expected element with id 'Task_9' to exist" }]);
    expect(parseRejection('something else')).toEqual([{ message: 'something else' }]);
  });
});
