/**
 * When failed logins lock an account or refuse a client address (OWASP authentication guidance):
 * five failures for one username within 15 minutes lock that username for 15 minutes; more than
 * twenty failures from one address within 15 minutes refuse that address until enough of them
 * are older than the window. Pure: the attempts and the time are parameters.
 */
export type ThrottlePolicy = {
  readonly windowMs: number;
  readonly usernameFailures: number;
  readonly lockoutMs: number;
  readonly addressFailures: number;
};

const minute = 60_000;

export const defaultThrottle: ThrottlePolicy = {
  windowMs: 15 * minute,
  usernameFailures: 5,
  lockoutMs: 15 * minute,
  addressFailures: 20,
};

/**
 * The end of the username's lockout, if one is running at `now`. `failures` are the username's
 * failed attempts since its last successful login, oldest first. A lockout starts at the failure
 * that makes `usernameFailures` within one window; attempts refused while locked are not failures.
 */
export function lockedUntil(
  failures: readonly Date[],
  now: Date,
  policy = defaultThrottle,
): Date | undefined {
  let counted: number[] = [];
  let lockEnd = Number.NEGATIVE_INFINITY;
  for (const failure of failures) {
    const at = failure.getTime();
    // Failures before the end of an earlier lockout belong to it and do not count again.
    if (at < lockEnd) continue;
    counted.push(at);
    const first = counted[counted.length - policy.usernameFailures];
    if (first !== undefined && at - first < policy.windowMs) {
      lockEnd = at + policy.lockoutMs;
      counted = [];
    }
  }
  return lockEnd > now.getTime() ? new Date(lockEnd) : undefined;
}

/** The time the address may try again, if it has too many failures within the window before `now`. */
export function addressBlockedUntil(
  failures: readonly Date[],
  now: Date,
  policy = defaultThrottle,
): Date | undefined {
  const recent = failures
    .map((f) => f.getTime())
    .filter((t) => t > now.getTime() - policy.windowMs && t <= now.getTime())
    .sort((a, b) => a - b);
  if (recent.length < policy.addressFailures) return undefined;
  // Once all but addressFailures - 1 of them have aged out, one more attempt is allowed.
  const mustAgeOut = recent[recent.length - policy.addressFailures]!;
  return new Date(mustAgeOut + policy.windowMs);
}

/** Whole seconds until a time, at least one: the Retry-After header. */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
