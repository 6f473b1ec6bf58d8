import { BusinessError, JobInputError } from './errors.ts';
import type { ServiceHandler } from './service-worker.ts';
import type { WorkerDeps } from './worker-deps.ts';

export const HOMESTEAD_CHECK = 'homestead-check';

/**
 * 宅基地核验: looks the parcel up in the seeded registry. A parcel that does not exist or
 * belongs to someone else is a business error (HOMESTEAD_NOT_FOUND / HOMESTEAD_OWNER_MISMATCH);
 * a disputed parcel passes with registryOk=false for the reviewers to decide.
 */
export const homesteadCheck = (d: WorkerDeps): ServiceHandler => async (job) => {
  const parcel = job.variables.parcelNumber;
  if (typeof parcel !== 'string' || parcel === '') throw new BusinessError('HOMESTEAD_NOT_FOUND', 'no parcel number (parcelNumber) was given');
  const applicant = job.variables.applicant as { idNumber?: string; name?: string } | undefined;
  if (!applicant) throw new JobInputError(job.type, 'variable applicant is missing');
  const rec = await d.models.Homestead.findOne({ parcelNumber: parcel }).lean();
  if (!rec || rec.status === 'revoked') throw new BusinessError('HOMESTEAD_NOT_FOUND', `parcel ${parcel} is not in the homestead registry`, { registryOk: false });
  if (applicant.idNumber && rec.ownerIdNumber !== applicant.idNumber) {
    throw new BusinessError('HOMESTEAD_OWNER_MISMATCH', `parcel ${parcel} is registered to another owner`, { registryOk: false });
  }
  return { registryOk: rec.status === 'valid', registryStatus: rec.status, registeredAreaSqm: rec.areaSqm, registeredOwner: rec.ownerName };
};
