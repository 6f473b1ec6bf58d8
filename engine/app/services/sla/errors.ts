/** Raised when a duration (task deadline header) cannot be read. */
export class DurationFormatError extends Error {
  constructor(readonly input: string) {
    super(`"${input}" is not an ISO-8601 duration of days/hours/minutes (examples: P3D, PT4H, P1DT12H)`);
    this.name = 'DurationFormatError';
  }
}
