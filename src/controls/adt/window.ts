/**
 * Exact sliding windows over request times, in O(1) amortised time and bounded memory. A count
 * threshold only ever asks "are there more than L requests in (t − period, t]?", and with this
 * request making one, that is "were at least L earlier ones within the period?": so a window
 * keeps at most L times (L being the highest level it serves), in a ring buffer that grows on
 * demand, and forgets times as they leave the period. Times must arrive in non-decreasing order.
 *
 * A quarantined request may later be deleted by its User, and a deleted request must stop
 * counting. Each request still waiting for that decision lifts the capacity by one (`held`):
 * with L + h times kept, removing any h of them still leaves the newest L of the rest, so the
 * window stays exact whichever waiting requests are deleted, in O(L + h) for the removal.
 *
 * The windows of a state live together, structure of arrays: each window's fields fill one
 * 64-byte row of one buffer (so one cache line holds all a request needs to know about a
 * window, and its owner's fields beside them), and the times of every window with a level up
 * to `slabLimit` share one slab of doubles. Deciding a request therefore touches two places per
 * window and allocates nothing once the windows have grown to their levels. Such a window takes
 * its whole level's room at its first request, so the slab is not left with the regions of
 * windows that grew; the few with a higher level (or much room held for waiting requests) grow
 * by doubling in arrays of their own, given back whole when they grow again.
 */
export class WindowPool {
  /** Each window's row, as 32-bit integers: the fields below, then the owner's from `ownerOffset`. */
  readonly ints: Int32Array;
  /** The same rows as doubles, for the period (`periodSlot`). */
  private readonly floats: Float64Array;
  /**
   * Where the times are: the shared slab at 0, then the arrays of windows too big for it. A
   * window's region is [start, start + length) of `arrays[its ARRAY field]`.
   */
  private readonly arrays: Float64Array[] = [new Float64Array(initialSlab)];
  /** The first slab index no region has used yet. */
  private top = 0;
  /** Slab regions given up by windows that outgrew them, by length, for the next of that size. */
  private readonly free = new Map<number, number[]>();
  private count = 0;

  constructor(windows: number) {
    const rows = new ArrayBuffer(Math.max(1, windows) * rowBytes);
    this.ints = new Int32Array(rows);
    this.floats = new Float64Array(rows);
  }

  /** Adds a window counting over `periodMs` and keeping at most `capacity` times (plus any held). */
  create(periodMs: number, capacity: number): number {
    const id = this.count++;
    const row = id * rowInts;
    // A window holding 2³¹ times would need 16 GiB, so the clamp changes no count.
    this.ints[row + CAPACITY] = Math.min(capacity, maxCapacity);
    this.floats[id * rowFloats + periodSlot] = periodMs;
    return id;
  }

  /** Requests counted in window `id` that wait for their User's decision: each keeps one more time. */
  held(id: number): number {
    return this.ints[id * rowInts + HELD]!;
  }

  setHeld(id: number, held: number): void {
    this.ints[id * rowInts + HELD] = held;
  }

  /** The times window `id` keeps room for, as a view of its region. */
  region(id: number): Float64Array {
    const row = id * rowInts;
    const start = this.ints[row + START]!;
    return this.arrays[this.ints[row + ARRAY]!]!.subarray(start, start + this.ints[row + LENGTH]!);
  }

  /**
   * How many kept times fall in (time − period, time]: exact while below capacity, and at least
   * capacity when at least that many do. Times at or before time − period are dropped on the
   * way, since with time only moving forward they can never count again.
   */
  countWithin(id: number, time: number): number {
    const ints = this.ints;
    const row = id * rowInts;
    let size = ints[row + SIZE]!;
    if (size === 0) return 0;
    const times = this.arrays[ints[row + ARRAY]!]!;
    const start = ints[row + START]!;
    const length = ints[row + LENGTH]!;
    const cutoff = time - this.floats[id * rowFloats + periodSlot]!;
    let head = ints[row + HEAD]!;
    if (times[start + head]! > cutoff) return size;
    do {
      head = head + 1 === length ? 0 : head + 1;
      size--;
    } while (size > 0 && times[start + head]! <= cutoff);
    ints[row + HEAD] = head;
    ints[row + SIZE] = size;
    return size;
  }

  /** Adds a counted request at `time`, dropping the oldest kept times beyond the capacity. */
  add(id: number, time: number): void {
    this.countWithin(id, time);
    this.push(id, time);
  }

  /** `add` for a window `countWithin` has just brought up to `time`: the engine's hot path. */
  push(id: number, time: number): void {
    const ints = this.ints;
    const row = id * rowInts;
    const limit = ints[row + CAPACITY]! + ints[row + HELD]!;
    if (limit === 0) return;
    let size = ints[row + SIZE]!;
    let head = ints[row + HEAD]!;
    let length = ints[row + LENGTH]!;
    if (size >= limit) {
      // Over the limit only after a decision gave room back: drop the oldest down to it.
      const drop = size - limit + 1;
      head = (head + drop) % length;
      size -= drop;
    } else if (size === length) {
      this.grow(id, limit);
      head = 0;
      length = ints[row + LENGTH]!;
    }
    let tail = head + size;
    if (tail >= length) tail -= length;
    this.arrays[ints[row + ARRAY]!]![ints[row + START]! + tail] = time;
    ints[row + HEAD] = head;
    ints[row + SIZE] = size + 1;
  }

  /**
   * Takes one kept time equal to `time` out of the window (a deleted request), searching from
   * the newest; a time already dropped (out of the period) needs nothing. Answers whether it
   * was kept.
   */
  remove(id: number, time: number): boolean {
    const ints = this.ints;
    const row = id * rowInts;
    const times = this.arrays[ints[row + ARRAY]!]!;
    const start = ints[row + START]!;
    const length = ints[row + LENGTH]!;
    const head = ints[row + HEAD]!;
    const size = ints[row + SIZE]!;
    for (let i = size - 1; i >= 0; i--) {
      let at = head + i;
      if (at >= length) at -= length;
      if (times[start + at] !== time) continue;
      // Close the gap by moving the newer times back one place.
      for (let j = i; j < size - 1; j++) {
        const from = at + 1 === length ? 0 : at + 1;
        times[start + at] = times[start + from]!;
        at = from;
      }
      ints[row + SIZE] = size - 1;
      return true;
    }
    return false;
  }

  /** Moves a full window to a longer region, oldest time first. */
  private grow(id: number, limit: number): void {
    const ints = this.ints;
    const row = id * rowInts;
    const capacity = ints[row + CAPACITY]!;
    const oldArray = ints[row + ARRAY]!;
    const oldStart = ints[row + START]!;
    const oldLength = ints[row + LENGTH]!;
    // A small level's whole room at once; otherwise doubling, which keeps growth amortised O(1).
    // Up to the capacity the last step stops at it; only the room kept for waiting requests
    // (`limit` above capacity) takes the region past it.
    const doubled =
      oldLength === 0 && capacity <= slabLimit ? capacity : Math.max(initialLength, oldLength * 2);
    const length = oldLength < capacity ? Math.min(doubled, capacity) : Math.max(doubled, limit);
    const from = this.arrays[oldArray]!;
    let array = 0;
    let start = 0;
    if (length <= slabLimit) start = this.allocate(length);
    else {
      // An array of its own, in the place of the window's last one if it had one.
      array = oldArray === 0 ? this.arrays.length : oldArray;
      this.arrays[array] = new Float64Array(length);
    }
    const to = this.arrays[array]!;
    const head = ints[row + HEAD]!;
    // Unroll the ring so the oldest time sits at the region's start.
    to.set(from.subarray(oldStart + head, oldStart + oldLength), start);
    to.set(from.subarray(oldStart, oldStart + head), start + oldLength - head);
    if (oldArray === 0 && oldLength > 0) this.release(oldStart, oldLength);
    ints[row + ARRAY] = array;
    ints[row + START] = start;
    ints[row + LENGTH] = length;
    ints[row + HEAD] = 0;
  }

  private allocate(length: number): number {
    const reused = this.free.get(length)?.pop();
    if (reused !== undefined) return reused;
    const start = this.top;
    const slab = this.arrays[0]!;
    if (start + length > slab.length) {
      const next = new Float64Array(Math.max(Math.ceil(slab.length * 1.5), start + length));
      next.set(slab.subarray(0, start));
      this.arrays[0] = next;
    }
    this.top = start + length;
    return start;
  }

  private release(start: number, length: number): void {
    const list = this.free.get(length);
    if (list) list.push(start);
    else this.free.set(length, [start]);
  }
}

/** Row layout: 16 ints (64 bytes) a window; the period is the row's last double. */
export const rowInts = 16;
const rowFloats = rowInts / 2;
const rowBytes = rowInts * 4;
const START = 0;
const LENGTH = 1;
const HEAD = 2;
const SIZE = 3;
const HELD = 4;
const CAPACITY = 5;
/** Which of the pool's arrays holds the times: 0 for the slab. */
const ARRAY = 6;
/** Ints 7–13 of a row (`ownerOffset` + 0–6) belong to the pool's owner; ints 14–15 hold the period. */
export const ownerOffset = 7;
const periodSlot = rowFloats - 1;
/** Regions up to this many times live in the shared slab (a level of 1,024 is far above most). */
const slabLimit = 1024;
/** The most times a window is asked about; see `create`. */
export const maxCapacity = 2 ** 31 - 1;
const initialLength = 16;
const initialSlab = 4096;

/** One window on its own, in a pool of its own: for code (and tests) that need just one. */
export type SlidingWindow = {
  readonly pool: WindowPool;
  readonly id: number;
  /** Requests counted here that wait for their User's decision. */
  held: number;
  /** The room the window has for times: a view of its region. */
  readonly times: Float64Array;
};

export function createWindow(periodMs: number, capacity: number): SlidingWindow {
  const pool = new WindowPool(1);
  const id = pool.create(periodMs, capacity);
  return {
    pool,
    id,
    get held() {
      return pool.held(id);
    },
    set held(held: number) {
      pool.setHeld(id, held);
    },
    get times() {
      return pool.region(id);
    },
  };
}

export const countWithin = (window: SlidingWindow, time: number): number =>
  window.pool.countWithin(window.id, time);
export const addTime = (window: SlidingWindow, time: number): void => window.pool.add(window.id, time);
export const removeTime = (window: SlidingWindow, time: number): boolean =>
  window.pool.remove(window.id, time);
