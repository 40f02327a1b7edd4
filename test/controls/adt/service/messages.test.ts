import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Decision } from "../../../../src/controls/adt/engine.js";
import {
  combine,
  decodeDecision,
  encodeDecision,
  messageLines,
  quarantineEventRef,
} from "../../../../src/controls/adt/service/messages.js";
import { recentIds } from "../../../../src/controls/adt/service/recent-ids.js";
import { slotCount, slotOf, slotsOf, userToken } from "../../../../src/controls/adt/service/subjects.js";

const threshold = fc.nat({ max: 10_000 });
const decision: fc.Arbitrary<Decision> = fc.oneof(
  fc.constant<Decision>({ outcome: "processed", warned: false }),
  threshold.map((t): Decision => ({ outcome: "processed", warned: true, threshold: t })),
  fc
    .tuple(
      fc.constantFrom(
        "user-threshold",
        "dcc-threshold",
        "attribute-limits",
      ) as fc.Arbitrary<"user-threshold">,
      threshold,
    )
    .map(([breach, t]): Decision => ({ outcome: "quarantined", breach, threshold: t })),
  threshold.map(
    (t): Decision => ({ outcome: "deleted", breach: "attribute-limits", threshold: t, notifyUser: true }),
  ),
);

describe("the DCC stage's verdict header", () => {
  // G6.6: the verdict crosses the stream unchanged.
  it("decodes what it encodes", () => {
    fc.assert(
      fc.property(decision, (d) => {
        expect(decodeDecision(encodeDecision(d))).toEqual(d);
      }),
    );
  });

  it("refuses anything else", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          expect(encodeDecision(decodeDecision(text))).toBe(text);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
        }
      }),
    );
  });
});

describe("messages of several requests", () => {
  const line = fc.string({ minLength: 1 }).filter((text) => !text.includes("\n") && text.trim() !== "");

  it("reads back the lines a message was made of, blank lines aside", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1 }), fc.constantFrom("\n", "\n\n", "\n  \n"), (lines, gap) => {
        expect(messageLines(lines.join(gap))).toEqual(lines);
      }),
    );
  });

  // The DUIS QuarantinedRequest alert: QuarantineEventRef is an integer of at most 20 digits; each
  // quarantined request must have its own, the same on a redelivery.
  it("gives every request of every message its own quarantine reference", () => {
    const seq = fc.integer({ min: 1, max: 10 ** 15 - 1 });
    const index = fc.integer({ min: 0, max: 99_999 });
    fc.assert(
      fc.property(seq, index, seq, index, (s1, i1, s2, i2) => {
        const a = quarantineEventRef(s1, i1);
        expect(a).toMatch(/^[1-9]\d{0,19}$/);
        expect(a === quarantineEventRef(s2, i2)).toBe(s1 === s2 && i1 === i2);
      }),
    );
    // A message of one request keeps its sequence number as the reference.
    expect(quarantineEventRef(17, 0)).toBe("17");
  });
});

describe("combining the User stage's verdict with the DCC stage's", () => {
  const processed: Decision = { outcome: "processed", warned: false };
  const warned: Decision = { outcome: "processed", warned: true, threshold: 0 };
  const user: Decision = { outcome: "quarantined", breach: "user-threshold", threshold: 0 };
  const dcc: Decision = { outcome: "quarantined", breach: "dcc-threshold", threshold: 1 };

  // contract order: user quarantine level, then DCC level (G6.6(a)), then user warning level.
  it("follows the engine's order", () => {
    expect(combine(user, dcc)).toBe(user);
    expect(combine(warned, dcc)).toBe(dcc);
    expect(combine(warned, processed)).toBe(warned);
    expect(combine(processed, processed)).toBe(processed);
  });
});

describe("partitions and de-duplication", () => {
  // Each User key lives in one place: every slot has exactly one owner for any worker count.
  it("gives every slot to exactly one worker", () => {
    for (let of = 1; of <= slotCount; of++) {
      const owned = Array.from({ length: of }, (_, index) => slotsOf({ index, of })).flat();
      expect(owned.sort((a, b) => a - b)).toEqual(Array.from({ length: slotCount }, (_, i) => i));
    }
  });

  it("puts one User in one slot however the EUI-64 is spelt", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const hexes = [...bytes].map((b) => b.toString(16).padStart(2, "0"));
        const upper = hexes.join("-").toUpperCase();
        expect(userToken(upper)).toMatch(/^[0-9A-F]{16}$/);
        expect(slotOf(userToken(hexes.join("-")))).toBe(slotOf(userToken(upper)));
      }),
    );
  });

  // G6: at-least-once delivery — a RequestID is remembered for the horizon, then forgotten.
  it("remembers RequestIDs for the horizon", () => {
    const ids = recentIds(1000);
    ids.add("a", 0);
    ids.add("b", 1000);
    expect(ids.has("a")).toBe(true);
    ids.add("c", 1001);
    expect(ids.has("a")).toBe(false);
    expect(ids.has("b")).toBe(true);
  });
});
