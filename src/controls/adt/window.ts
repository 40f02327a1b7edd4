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
 * to `slabLimit` share one slab of doubles. The row also keeps a copy of the oldest time, so a
 * count with nothing to forget reads the row alone, and adding a time only writes to the slab.
 * Deciding a request allocates nothing once the windows have grown to their levels. The owner
 * numbers the rows (`open`), so it can lay them out as it looks them up. Such a window takes
 * its whole level's room at its first request, so the slab is not left with the regions of
 * windows that grew; the few with a higher level (or much room held for waiting requests) grow
 * by doubling in arrays of their own, given back whole when they grow again.
 */
export class WindowPool {
  /** Each window's row, as 32-bit integers: the fields below, then the owner's from `ownerOffset`. */
  readonly ints: Int32Array;
  /** The same rows as doubles, for the oldest time and the period. */
  private readonly floats: Float64Array;
  /**
   * The shared slab, in chunks that are never moved or copied: a window whose PLACE field is 0
   * or more has its region at `PLACE & chunkMask` in chunk `PLACE >>> chunkBits`. Chunks start
   * small, so a state with few windows takes little, and double up to `1 << chunkBits` times.
   */
  private readonly chunks: Float64Array[] = [];
  /** The arrays of windows too big for the slab: PLACE is `~i` for `arrays[i]`. */
  private readonly arrays: Float64Array[] = [];
  /** The first slab place no region has used yet. */
  private top = 0;
  /** Slab regions given up by windows that outgrew them, by length, for the next of that size. */
  private readonly free = new Map<number, number[]>();

  /** Room for `rows` windows, numbered from 0; each is set up with `open`. */
  constructor(rows: number) {
    const buffer = new ArrayBuffer(Math.max(1, rows) * rowBytes);
    this.ints = new Int32Array(buffer);
    this.floats = new Float64Array(buffer);
  }

  /** Sets up window `id`, counting over `periodMs` and keeping at most `capacity` times (plus any held). */
  open(id: number, periodMs: number, capacity: number): void {
    if (!Number.isInteger(id) || id < 0 || id * rowInts >= this.ints.length) {
      throw new RangeError(`a window number from 0 to ${this.ints.length / rowInts - 1}, found ${id}`);
    }
    // A window holding 2³¹ times would need 16 GiB, so the clamp changes no count.
    this.ints[id * rowInts + CAPACITY] = Math.min(capacity, maxCapacity);
    this.floats[id * rowFloats + periodSlot] = periodMs;
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
    const length = this.ints[row + LENGTH]!;
    if (length === 0) return new Float64Array(0);
    const place = this.ints[row + PLACE]!;
    const start = startOf(place);
    return this.timesAt(place).subarray(start, start + length);
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
    const floats = this.floats;
    const at = id * rowFloats;
    const cutoff = time - floats[at + periodSlot]!;
    // The oldest kept time is in the row, so a window with nothing to drop leaves its times unread.
    if (floats[at + oldestSlot]! > cutoff) return size;
    const place = ints[row + PLACE]!;
    const times = this.timesAt(place);
    const start = startOf(place);
    const length = ints[row + LENGTH]!;
    let head = ints[row + HEAD]!;
    do {
      head = head + 1 === length ? 0 : head + 1;
      size--;
    } while (size > 0 && times[start + head]! <= cutoff);
    ints[row + HEAD] = head;
    ints[row + SIZE] = size;
    if (size > 0) floats[at + oldestSlot] = times[start + head]!;
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
      if (size > 0) this.floats[id * rowFloats + oldestSlot] = this.timeAt(row, head);
    } else if (size === length) {
      this.grow(id, limit);
      head = 0;
      length = ints[row + LENGTH]!;
    }
    let tail = head + size;
    if (tail >= length) tail -= length;
    const place = ints[row + PLACE]!;
    if (place >= 0) this.chunks[place >>> chunkBits]![(place & chunkMask) + tail] = time;
    else this.arrays[~place]![tail] = time;
    if (size === 0) this.floats[id * rowFloats + oldestSlot] = time;
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
    const size = ints[row + SIZE]!;
    if (size === 0) return false;
    const place = ints[row + PLACE]!;
    const times = this.timesAt(place);
    const start = startOf(place);
    const length = ints[row + LENGTH]!;
    const head = ints[row + HEAD]!;
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
      if (i === 0 && size > 1) this.floats[id * rowFloats + oldestSlot] = times[start + head]!;
      return true;
    }
    return false;
  }

  /** Moves a full window to a longer region, oldest time first. */
  private grow(id: number, limit: number): void {
    const ints = this.ints;
    const row = id * rowInts;
    const capacity = ints[row + CAPACITY]!;
    const oldPlace = ints[row + PLACE]!;
    const oldLength = ints[row + LENGTH]!;
    // A small level's whole room at once; otherwise doubling, which keeps growth amortised O(1).
    // Up to the capacity the last step stops at it; only the room kept for waiting requests
    // (`limit` above capacity) takes the region past it.
    const doubled =
      oldLength === 0 && capacity <= slabLimit ? capacity : Math.max(initialLength, oldLength * 2);
    const length = oldLength < capacity ? Math.min(doubled, capacity) : Math.max(doubled, limit);
    // Taken before a new array of its own may replace the old one.
    const from = oldLength === 0 ? undefined : this.timesAt(oldPlace);
    let place: number;
    if (length <= slabLimit) place = this.allocate(length);
    else {
      // An array of its own, in the place of the window's last one if it had one.
      const array = oldLength > 0 && oldPlace < 0 ? ~oldPlace : this.arrays.length;
      this.arrays[array] = new Float64Array(length);
      place = ~array;
    }
    if (from) {
      const to = this.timesAt(place);
      const start = startOf(place);
      const oldStart = startOf(oldPlace);
      const head = ints[row + HEAD]!;
      // Unroll the ring so the oldest time sits at the region's start.
      to.set(from.subarray(oldStart + head, oldStart + oldLength), start);
      to.set(from.subarray(oldStart, oldStart + head), start + oldLength - head);
      if (oldPlace >= 0) this.release(oldPlace, oldLength);
    }
    ints[row + PLACE] = place;
    ints[row + LENGTH] = length;
    ints[row + HEAD] = 0;
  }

  /** The array a PLACE field points into. */
  private timesAt(place: number): Float64Array {
    return place >= 0 ? this.chunks[place >>> chunkBits]! : this.arrays[~place]!;
  }

  /** The time `offset` places into the region of the window whose row starts at `row`. */
  private timeAt(row: number, offset: number): number {
    const place = this.ints[row + PLACE]!;
    return this.timesAt(place)[startOf(place) + offset]!;
  }

  /** A slab region of `length` times: one given back earlier, or the next in the last chunk, or a new chunk's first. */
  private allocate(length: number): number {
    const reused = this.free.get(length)?.pop();
    if (reused !== undefined) return reused;
    let place = this.top;
    const chunk = this.chunks[place >>> chunkBits];
    if (chunk === undefined || (place & chunkMask) + length > chunk.length) {
      // The rest of a chunk too short for the region stays unused (under slabLimit times).
      const size = Math.min(initialChunk * 2 ** this.chunks.length, 1 << chunkBits);
      place = this.chunks.length << chunkBits;
      this.chunks.push(new Float64Array(size));
    }
    this.top = place + length;
    return place;
  }

  private release(place: number, length: number): void {
    const list = this.free.get(length);
    if (list) list.push(place);
    else this.free.set(length, [place]);
  }
}

/** Row layout: 16 ints (64 bytes) a window; its last two doubles are the oldest kept time and the period. */
export const rowInts = 16;
const rowFloats = rowInts / 2;
const rowBytes = rowInts * 4;
/** Where the times are: a place in the slab (0 or more), or `~i` for the i-th array of their own. */
const PLACE = 0;
const LENGTH = 1;
const HEAD = 2;
const SIZE = 3;
const HELD = 4;
const CAPACITY = 5;
/** Ints 6–11 of a row (`ownerOffset` + 0–5) belong to the pool's owner; ints 12–15 hold two doubles. */
export const ownerOffset = 6;
/** The oldest time kept (meaningful while SIZE > 0), a copy so most counts read only the row. */
const oldestSlot = rowFloats - 2;
const periodSlot = rowFloats - 1;
/** Regions up to this many times live in the shared slab (a level of 1,024 is far above most). */
const slabLimit = 1024;
/** The most times a window is asked about; see `create`. */
export const maxCapacity = 2 ** 31 - 1;
const initialLength = 16;
/** The slab's first chunk holds this many times, each next one twice as many up to `1 << chunkBits`. */
const initialChunk = 4096;
const chunkBits = 16;
const chunkMask = (1 << chunkBits) - 1;

/** Where a region starts in the array its PLACE field points into. */
function startOf(place: number): number {
  return place >= 0 ? place & chunkMask : 0;
}

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
  const id = 0;
  pool.open(id, periodMs, capacity);
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
