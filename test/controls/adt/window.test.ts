import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addTime, countWithin, createWindow, removeTime } from "../../../src/controls/adt/window.js";

describe("sliding window", () => {
  // G6.3: the count over (t − period, t]; a time exactly one period old is out.
  it("drops times at or before t − period", () => {
    const window = createWindow(10, 5);
    for (const t of [0, 3, 7]) addTime(window, t);
    expect(countWithin(window, 10)).toBe(2);
    expect(countWithin(window, 13)).toBe(1);
    expect(countWithin(window, 17)).toBe(0);
  });

  // G6.3: memory per key is bounded by the level, however many requests arrive in the period.
  it("keeps at most `capacity` times and reports a full window as full", () => {
    const window = createWindow(1_000_000, 50);
    for (let t = 0; t < 10_000; t++) addTime(window, t);
    expect(window.times.length).toBe(50);
    expect(countWithin(window, 10_000)).toBe(50);
  });

  it("allocates nothing for a zero level and little for a quiet key", () => {
    const zero = createWindow(1000, 0);
    addTime(zero, 1);
    expect(zero.times.length).toBe(0);
    const quiet = createWindow(10, 1_000_000);
    for (let t = 0; t < 1000; t += 20) addTime(quiet, t);
    expect(quiet.times.length).toBeLessThanOrEqual(16);
  });

  // G6.3: the ring buffer agrees with a recount over every time kept, capped at the capacity.
  it("matches a recount of the window on random non-decreasing times", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 200 }),
        (period, capacity, steps) => {
          const window = createWindow(period, capacity);
          const all: number[] = [];
          let t = 0;
          for (const step of steps) {
            t += step;
            const exact = all.filter((x) => x > t - period).length;
            expect(countWithin(window, t)).toBe(Math.min(exact, capacity));
            addTime(window, t);
            all.push(t);
          }
        },
      ),
    );
  });
});

describe("sliding window with deletions", () => {
  // adt.md: a deleted request no longer counts; the window keeps room for every waiting request.
  it("takes a deleted time out and counts the older one it had kept room for", () => {
    const window = createWindow(100, 2);
    addTime(window, 1);
    addTime(window, 2);
    window.held++;
    addTime(window, 3);
    expect(countWithin(window, 4)).toBe(3);
    expect(removeTime(window, 3)).toBe(true);
    window.held--;
    expect(countWithin(window, 4)).toBe(2);
  });

  // adt.md ("excluding requests already deleted"): whichever waiting requests are deleted, the
  // window answers "at least L?" exactly as a recount of the requests not deleted does.
  it("matches a recount after any deletions of waiting requests", () => {
    type Step = { gap: number; held: boolean; settle: "none" | "delete" | "process"; pick: number };
    const step = fc.record({
      gap: fc.integer({ min: 0, max: 4 }),
      held: fc.boolean(),
      settle: fc.constantFrom("none", "delete", "process"),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 8 }),
        fc.array(step, { maxLength: 150 }),
        (period, capacity, steps: Step[]) => {
          const window = createWindow(period, capacity);
          const kept: number[] = [];
          const waiting: number[] = [];
          let t = 0;
          for (const { gap, held, settle, pick } of steps) {
            t += gap;
            const exact = kept.filter((x) => x > t - period).length;
            expect(Math.min(countWithin(window, t), capacity)).toBe(Math.min(exact, capacity));
            if (held) window.held++;
            addTime(window, t);
            kept.push(t);
            if (held) waiting.push(t);
            if (settle !== "none" && waiting.length > 0) {
              const [time] = waiting.splice(pick % waiting.length, 1) as [number];
              window.held--;
              if (settle === "delete") {
                removeTime(window, time);
                kept.splice(kept.lastIndexOf(time), 1);
              }
            }
          }
        },
      ),
    );
  });
});
