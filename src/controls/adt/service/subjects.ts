/**
 * Stream and subject names of the live ADT service, and how User IDs map to partitions.
 *
 * Subjects carry the User ID as its 16 hex digits (an EUI-64 without its hyphens), a token
 * NATS accepts whatever the input's case or separators. Users are spread over a fixed number of
 * slots by a hash of that token: a slot is the unit of ordering and state (one durable consumer,
 * one engine state), and a worker owns whole slots, so each User's windows live in one place.
 */

/** Fixed so that slot subjects stay the same however many workers share them. */
export const slotCount = 16;

export type ServiceNames = {
  readonly requestsStream: string;
  readonly stagedStream: string;
  readonly outcomesStream: string;
  readonly alertsStream: string;
  /** Notices of requests the service could not decide (refusals.ts). */
  readonly refusedStream: string;
  readonly requests: (userToken: string) => string;
  readonly allRequests: string;
  readonly staged: (slot: number, userToken: string) => string;
  readonly stagedSlot: (slot: number) => string;
  readonly allStaged: string;
  readonly outcome: (userToken: string) => string;
  readonly allOutcomes: string;
  readonly alert: (userToken: string) => string;
  readonly allAlerts: string;
  readonly refused: (usersToken: string) => string;
  readonly allRefused: string;
  readonly dccConsumer: string;
  /** The consumer of a worker that decides every request in one stage (no staged hop). */
  readonly singleConsumer: string;
  readonly slotConsumer: (slot: number) => string;
};

/** Names under a prefix ("adt" in production, a unique one per test run): streams SECG_<PREFIX>_…. */
export function serviceNames(prefix = "adt"): ServiceNames {
  if (!/^[a-z][a-z0-9_]{0,31}$/.test(prefix)) {
    throw new RangeError(`a subject prefix of lower-case letters, digits and _, found "${prefix}"`);
  }
  const upper = prefix.toUpperCase();
  return {
    requestsStream: `SECG_${upper}_REQUESTS`,
    stagedStream: `SECG_${upper}_STAGED`,
    outcomesStream: `SECG_${upper}_OUTCOMES`,
    alertsStream: `SECG_${upper}_ALERTS`,
    refusedStream: `SECG_${upper}_REFUSED`,
    requests: (user) => `${prefix}.requests.${user}`,
    allRequests: `${prefix}.requests.>`,
    staged: (slot, user) => `${prefix}.staged.${slot}.${user}`,
    stagedSlot: (slot) => `${prefix}.staged.${slot}.>`,
    allStaged: `${prefix}.staged.>`,
    outcome: (user) => `${prefix}.outcomes.${user}`,
    allOutcomes: `${prefix}.outcomes.>`,
    alert: (user) => `${prefix}.alerts.${user}`,
    allAlerts: `${prefix}.alerts.>`,
    refused: (users) => `${prefix}.refused.${users}`,
    allRefused: `${prefix}.refused.>`,
    dccConsumer: `secg-${prefix}-dcc-stage`,
    singleConsumer: `secg-${prefix}-single-stage`,
    slotConsumer: (slot) => `secg-${prefix}-slot-${slot}`,
  };
}

/**
 * The subject token of a message that carries several Users' requests, or their outcomes: never
 * a User's token, which is hex digits.
 */
const mixedUsers = "mixed";

/** The subject token of a message of these Users' requests: their one User's, or the mixed one. */
export function usersToken(userIds: readonly string[]): string {
  const first = userIds[0];
  return first !== undefined && userIds.every((id) => id === first) ? userToken(first) : mixedUsers;
}

/** The User ID as a subject token: its hex digits, upper-cased. */
export function userToken(userId: string): string {
  return userId.replace(/[^0-9A-Fa-f]/g, "").toUpperCase();
}

/** FNV-1a over the token: cheap, stable across processes and versions, and well spread. */
export function slotOf(token: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % slotCount;
}

export type Partition = { readonly index: number; readonly of: number };

/** The slots a worker owns: every slot whose number is its index modulo the worker count. */
export function slotsOf(partition: Partition): number[] {
  const slots: number[] = [];
  for (let slot = partition.index; slot < slotCount; slot += partition.of) slots.push(slot);
  return slots;
}
