import { describe, expect, it } from 'vitest';
import { parseResource, ResourceValidationError, validateDeployment } from '../../../engine/broker/model/index.ts';
import { fixture } from './fixtures.ts';

describe('checks across the resources of one deployment', () => {
  it('should accept resources that define distinct processes and forms', async () => {
    const resources = [
      await parseResource('all-elements.bpmn', fixture('all-elements.bpmn')),
      await parseResource('two-executable-processes.bpmn', fixture('two-executable-processes.bpmn')),
      await parseResource('rebuild-review.form', fixture('rebuild-review.form')),
    ];
    expect(validateDeployment(resources)).toEqual([]);
  });

  it('should reject two resources defining the same process id, as Zeebe words it', async () => {
    // given the same processes under two resource names
    const resources = [
      await parseResource('a.bpmn', fixture('two-executable-processes.bpmn')),
      await parseResource('b.bpmn', fixture('two-executable-processes.bpmn')),
    ];

    // when the deployment is checked
    const problems = validateDeployment(resources);

    // then each duplicated process id is reported on its own line
    expect(problems.map((problem) => problem.message)).toEqual([
      "Duplicated process id in resources 'a.bpmn' and 'b.bpmn'",
      "Duplicated process id in resources 'a.bpmn' and 'b.bpmn'",
    ]);
    expect(new ResourceValidationError(problems.slice(0, 1)).rejectionReason).toBe(
      "Expected to deploy new resources, but encountered the following errors:\nDuplicated process id in resources 'a.bpmn' and 'b.bpmn'",
    );
  });

  it('should reject two forms with the same form id', async () => {
    const resources = [
      await parseResource('review.form', fixture('rebuild-review.form')),
      await parseResource('review-copy.form', fixture('rebuild-review.form')),
    ];
    expect(validateDeployment(resources)).toEqual([
      {
        resourceName: 'review-copy.form',
        deploymentWide: true,
        message:
          "Expected the form ids to be unique within a deployment but found a duplicated id 'rebuild-review' in the resources 'review.form' and 'review-copy.form'.",
      },
    ]);
  });

  it('should require a form bound with bindingType deployment to be in the deployment', async () => {
    // given a user task binding its form to the deployment
    const model = await parseResource('bound.bpmn', fixture('deployment-bound-form.bpmn'));

    // when deployed without and with the form
    const without = validateDeployment([model]);
    const withForm = validateDeployment([model, await parseResource('rebuild-review.form', fixture('rebuild-review.form'))]);

    // then only the deployment without it is rejected, naming the user task
    expect(without).toEqual([
      {
        resourceName: 'bound.bpmn',
        elementId: 'fill',
        message: "Expected to find form with id 'rebuild-review' in current deployment, but not found.",
      },
    ]);
    expect(withForm).toEqual([]);
  });
});
