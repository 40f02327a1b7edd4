/**
 * The RequestIDs decided lately, for de-duplicating at-least-once delivery. Requests arrive in
 * time order and the engine refuses one older than the last, so a duplicate can only be decided
 * twice when its time is recent; IDs older than `horizonMs` before the latest are forgotten,
 * which bounds memory by the traffic of one horizon rather than of the stream's whole life.
 */
export type RecentIds = {
  readonly has: (requestId: string) => boolean;
  readonly add: (requestId: string, time: number) => void;
};

export function recentIds(horizonMs: number): RecentIds {
  // A Map keeps insertion order, which is time order here, so the oldest are at the front.
  const times = new Map<string, number>();
  let latest = Number.NEGATIVE_INFINITY;
  return {
    has: (requestId) => times.has(requestId),
    add: (requestId, time) => {
      times.set(requestId, time);
      if (time <= latest) return;
      latest = time;
      const cutoff = latest - horizonMs;
      for (const [id, at] of times) {
        if (at >= cutoff) break;
        times.delete(id);
      }
    },
  };
}
