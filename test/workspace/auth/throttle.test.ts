import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressBlockedUntil, lockedUntil, secondsUntil } from "../../../src/workspace/auth/throttle.js";

const minute = 60_000;
const t0 = Date.parse("2026-03-02T09:00:00Z");
const at = (minutes: number) => new Date(t0 + minutes * minute);

describe("username lockout", () => {
  it("locks for 15 minutes from the fifth failure within 15 minutes", () => {
    const failures = [0, 1, 2, 3, 4].map(at);
    expect(lockedUntil(failures.slice(0, 4), at(4))).toBeUndefined();
    expect(lockedUntil(failures, at(4))).toEqual(at(19));
    expect(lockedUntil(failures, at(18.9))).toEqual(at(19));
    expect(lockedUntil(failures, at(19))).toBeUndefined();
  });

  it("does not lock for five failures spread over more than 15 minutes", () => {
    expect(lockedUntil([0, 4, 8, 12, 16].map(at), at(16))).toBeUndefined();
  });

  it("counts afresh after a lockout: the failures that caused it do not count again", () => {
    expect(lockedUntil([0, 1, 2, 3, 4, 20].map(at), at(20))).toBeUndefined();
    expect(lockedUntil([0, 1, 2, 3, 4, 20, 21, 22, 23, 24].map(at), at(24))).toEqual(at(39));
  });

  it("never locks with fewer than five failures, whatever their times (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 4 }), (minutes) => {
        const sorted = [...minutes].sort((a, b) => a - b).map(at);
        return lockedUntil(sorted, at(60)) === undefined;
      }),
    );
  });
});

describe("client address throttling", () => {
  it("refuses the 21st attempt within 15 minutes until the oldest failure is 15 minutes old", () => {
    const failures = Array.from({ length: 20 }, (_, i) => at(i * 0.5));
    expect(addressBlockedUntil(failures.slice(0, 19), at(10))).toBeUndefined();
    expect(addressBlockedUntil(failures, at(10))).toEqual(at(15));
    expect(addressBlockedUntil(failures, at(15))).toBeUndefined();
  });

  it("answers Retry-After in whole seconds, at least one", () => {
    expect(secondsUntil(at(1), at(0))).toBe(60);
    expect(secondsUntil(new Date(t0 + 1), at(0))).toBe(1);
    expect(secondsUntil(at(0), at(1))).toBe(1);
  });
});
