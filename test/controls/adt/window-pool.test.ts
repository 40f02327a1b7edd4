import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WindowPool } from "../../../src/controls/adt/window.js";

/**
 * Many windows sharing one pool (adt.md, "Performance"): each answers exactly as a recount of
 * its own requests does, whichever of the others grow, move to an array of their own (a level
 * above the slab's limit, or much room held for waiting requests), or have times deleted.
 */
describe("window pool", () => {
  type Step = { window: number; gap: number; held: boolean; delete: boolean; pick: number };
  const step = fc.record({
    window: fc.nat(3),
    gap: fc.integer({ min: 0, max: 2 }),
    held: fc.boolean(),
    delete: fc.boolean(),
    pick: fc.nat(),
  });

  // G6.3 with deletions ("excluding requests already deleted"): exact counts per window.
  it("keeps every window exact while others grow around it", () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.integer({ min: 0, max: 5 }),
          fc.integer({ min: 0, max: 40 }),
          fc.constantFrom(1030, 3000),
        ),
        fc.array(step, { minLength: 1, maxLength: 2500 }),
        (capacities, steps: Step[]) => {
          const all = [...capacities, 2];
          const period = 400;
          const pool = new WindowPool(all.length);
          const ids = all.map((capacity, id) => {
            pool.open(id, period, capacity);
            return id;
          });
          const kept = all.map((): number[] => []);
          const waiting = all.map((): number[] => []);
          let t = 0;
          for (const s of steps) {
            t += s.gap;
            const w = s.window;
            const id = ids[w]!;
            const exact = kept[w]!.filter((x) => x > t - period).length;
            expect(Math.min(pool.countWithin(id, t), all[w]!)).toBe(Math.min(exact, all[w]!));
            if (s.held) pool.setHeld(id, pool.held(id) + 1);
            pool.add(id, t);
            kept[w]!.push(t);
            if (s.held) waiting[w]!.push(t);
            if (s.delete && waiting[w]!.length > 0 && s.pick % 3 === 0) {
              const [time] = waiting[w]!.splice(s.pick % waiting[w]!.length, 1) as [number];
              pool.setHeld(id, pool.held(id) - 1);
              pool.remove(id, time);
              kept[w]!.splice(kept[w]!.lastIndexOf(time), 1);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  // G6.3: past the slab's limit a window moves to an array of its own and stays exact, and the
  // windows left in the slab are untouched by the move.
  it("moves a big window out of the slab without disturbing its neighbours", () => {
    const pool = new WindowPool(3);
    const [big, waiting, small] = [0, 1, 2];
    pool.open(big, 1_000_000, 3000);
    pool.open(waiting, 1_000_000, 2);
    pool.open(small, 1_000_000, 5);
    for (let t = 0; t < 2500; t++) {
      pool.add(big, t);
      pool.setHeld(waiting, pool.held(waiting) + 1);
      pool.add(waiting, t);
      if (t % 500 === 0) pool.add(small, t);
    }
    expect(pool.countWithin(big, 2500)).toBe(2500);
    expect(pool.region(big).length).toBeGreaterThan(1024);
    expect(pool.countWithin(waiting, 2500)).toBe(2500);
    expect(pool.countWithin(small, 2500)).toBe(5);
    expect(pool.region(small).length).toBe(5);
    // Deleting waiting requests, then deciding the rest: back to the newest two.
    for (const time of [2499, 1000, 0]) expect(pool.remove(waiting, time)).toBe(true);
    pool.setHeld(waiting, 0);
    expect(pool.countWithin(waiting, 2500)).toBe(2497);
    pool.add(waiting, 2500);
    expect(pool.countWithin(waiting, 2500)).toBe(2);
    expect(pool.countWithin(big, 1_000_010)).toBe(2500 - 11);
  });

  // G6.3: the slab grows in chunks and never moves a region, so windows laid out across many
  // chunks (and regions given back and reused) keep exact counts, expiring old times too.
  it("keeps windows exact across the slab's chunks", () => {
    const windows = 700;
    const capacity = (w: number) => 20 + (w % 90);
    const period = 50;
    const pool = new WindowPool(windows);
    const kept = Array.from({ length: windows }, (): number[] => []);
    for (let w = 0; w < windows; w++) pool.open(w, period, capacity(w));
    for (let t = 0; t < 200; t++) {
      for (let w = 0; w < windows; w++) {
        // Every seventh window has a request each step and holds them all for a decision, so
        // its region outgrows its level and moves, giving its old place back to the slab.
        const holds = w % 7 === 0;
        if (!holds && (w + t) % 3 !== 0) continue;
        const recent = kept[w]!.filter((x) => x > t - period);
        kept[w] = recent;
        expect(Math.min(pool.countWithin(w, t), capacity(w))).toBe(Math.min(recent.length, capacity(w)));
        if (holds) pool.setHeld(w, pool.held(w) + 1);
        pool.add(w, t);
        recent.push(t);
      }
    }
    expect(pool.region(0).length).toBeGreaterThan(capacity(0));
  });
});
