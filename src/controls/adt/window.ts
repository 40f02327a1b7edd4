/**
 * An exact sliding window over request times for one threshold key, in O(1) amortised time and
 * bounded memory. A count threshold only ever asks "are there more than L requests in
 * (t − period, t]?", and with this request making one, that is "were at least L earlier ones
 * within the period?": so the window keeps at most L times (L being the highest level it
 * serves), in a ring buffer of doubles that grows on demand, and forgets times as they leave
 * the period. Times must arrive in non-decreasing order.
 *
 * A quarantined request may later be deleted by its User, and a deleted request must stop
 * counting. Each request still waiting for that decision lifts the capacity by one (`held`):
 * with L + h times kept, removing any h of them still leaves the newest L of the rest, so the
 * window stays exact whichever waiting requests are deleted, in O(L + h) for the removal.
 */
export type SlidingWindow = {
  readonly periodMs: number;
  /** The most times kept for counting: the highest level the window is asked about. */
  readonly capacity: number;
  /** Requests counted here that wait for their User's decision: each keeps one more time. */
  held: number;
  times: Float64Array;
  /** Index of the oldest kept time. */
  head: number;
  size: number;
};

const initialLength = 16;
/** Shared by every window that has not counted a request yet: a quiet key allocates nothing. */
const empty = new Float64Array(0);

export function createWindow(periodMs: number, capacity: number): SlidingWindow {
  return { periodMs, capacity, held: 0, times: empty, head: 0, size: 0 };
}

/**
 * How many kept times fall in (time − period, time]: exact while below capacity, and at least
 * capacity when at least that many do. Times at or before time − period are dropped on the
 * way, since with time only moving forward they can never count again.
 */
export function countWithin(window: SlidingWindow, time: number): number {
  const { times } = window;
  const cutoff = time - window.periodMs;
  while (window.size > 0 && times[window.head]! <= cutoff) {
    window.head = window.head + 1 === times.length ? 0 : window.head + 1;
    window.size--;
  }
  return window.size;
}

/** Adds a counted request at `time`, dropping the oldest kept times beyond the capacity. */
export function addTime(window: SlidingWindow, time: number): void {
  countWithin(window, time);
  pushTime(window, time);
}

/** `addTime` for a window `countWithin` has just brought up to `time`: the engine's hot path. */
export function pushTime(window: SlidingWindow, time: number): void {
  const limit = window.capacity + window.held;
  if (limit === 0) return;
  while (window.size >= limit) {
    window.head = window.head + 1 === window.times.length ? 0 : window.head + 1;
    window.size--;
  }
  if (window.size === window.times.length) grow(window, limit);
  const { times } = window;
  let tail = window.head + window.size;
  if (tail >= times.length) tail -= times.length;
  times[tail] = time;
  window.size++;
}

/**
 * Takes one kept time equal to `time` out of the window (a deleted request), searching from the
 * newest; a time already dropped (out of the period) needs nothing. Answers whether it was kept.
 */
export function removeTime(window: SlidingWindow, time: number): boolean {
  const { times } = window;
  const length = times.length;
  for (let i = window.size - 1; i >= 0; i--) {
    let at = window.head + i;
    if (at >= length) at -= length;
    if (times[at] !== time) continue;
    // Close the gap by moving the newer times back one place.
    for (let j = i; j < window.size - 1; j++) {
      const from = at + 1 === length ? 0 : at + 1;
      times[at] = times[from]!;
      at = from;
    }
    window.size--;
    return true;
  }
  return false;
}

function grow(window: SlidingWindow, limit: number): void {
  const old = window.times;
  // Doubling keeps growth amortised O(1). Up to the capacity the last step stops at it; only the
  // room kept for waiting requests (`limit` above capacity) takes the buffer past it.
  const doubled = Math.max(initialLength, old.length * 2);
  const length = old.length < window.capacity ? Math.min(doubled, window.capacity) : Math.max(doubled, limit);
  const next = new Float64Array(length);
  // Unroll the ring so the oldest time sits at index 0.
  next.set(old.subarray(window.head));
  next.set(old.subarray(0, window.head), old.length - window.head);
  window.times = next;
  window.head = 0;
}
