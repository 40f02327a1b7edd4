/**
 * An exact sliding window over request times for one threshold key, in O(1) amortised time and
 * bounded memory. A count threshold only ever asks "are there more than L requests in
 * (t − period, t]?", and with this request making one, that is "were at least L earlier ones
 * within the period?": so the window keeps at most L times (L being the highest level it
 * serves), in a ring buffer of doubles that grows on demand, and forgets times as they leave
 * the period. Times must arrive in non-decreasing order.
 */
export type SlidingWindow = {
  readonly periodMs: number;
  /** The most times ever kept: the highest level the window is asked about. */
  readonly capacity: number;
  times: Float64Array;
  /** Index of the oldest kept time. */
  head: number;
  size: number;
};

const initialLength = 16;
/** Shared by every window that has not counted a request yet: a quiet key allocates nothing. */
const empty = new Float64Array(0);

export function createWindow(periodMs: number, capacity: number): SlidingWindow {
  return { periodMs, capacity, times: empty, head: 0, size: 0 };
}

/**
 * How many kept times fall in (time − period, time]: exact while below capacity, and equal to
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

/** Adds a counted request at `time`, replacing the oldest kept time once the window is full. */
export function addTime(window: SlidingWindow, time: number): void {
  countWithin(window, time);
  if (window.capacity === 0) return;
  if (window.size === window.times.length) {
    if (window.times.length < window.capacity) {
      grow(window);
    } else {
      window.head = window.head + 1 === window.times.length ? 0 : window.head + 1;
      window.size--;
    }
  }
  const { times } = window;
  let tail = window.head + window.size;
  if (tail >= times.length) tail -= times.length;
  times[tail] = time;
  window.size++;
}

function grow(window: SlidingWindow): void {
  const old = window.times;
  const next = new Float64Array(Math.min(window.capacity, Math.max(initialLength, old.length * 2)));
  // Unroll the ring so the oldest time sits at index 0.
  next.set(old.subarray(window.head));
  next.set(old.subarray(0, window.head), old.length - window.head);
  window.times = next;
  window.head = 0;
}
