/**
 * Where the workspace gets the time from, and says so: every audit entry names its time source,
 * so a later trusted source (the time controls) can replace the system clock without changing
 * what callers do.
 */
export type Clock = {
  readonly now: () => Date;
  /** How the time was obtained, recorded beside it, e.g. "system". */
  readonly source: string;
};

export const systemClock: Clock = { now: () => new Date(), source: "system" };
