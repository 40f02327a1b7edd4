import { createPublicKey, generateKeyPairSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/common/input-error.js";
import {
  applySigned,
  generateSigningKeys,
  noneApplied,
  parsePrivateKey,
  parsePublicKey,
  signThresholds,
  verifySigned,
} from "../../../src/controls/adt/signing.js";
import { thresholdOptions, thresholdsFrom } from "./thresholds-support.js";

const userA = "90-B3-D5-1F-30-01-00-00";
const userB = "90-B3-D5-1F-30-02-00-00";
const keys = generateSigningKeys();
const privateKey = parsePrivateKey(keys.privateKey, "private.pem");
const publicKey = parsePublicKey(keys.publicKey, "public.pem");
const other = parsePublicKey(generateSigningKeys().publicKey, "other.pem");

function file(userId: string, quarantine: number, period = "PT24H"): string {
  return `thresholds:\n  - { userId: "${userId}", srv: "7.2", measure: critical, warning: 0, quarantine: ${quarantine}, period: ${period} }\n`;
}

function signed(text: string, sequence: number, userId = userA): string {
  return signThresholds({ text, file: "t.yaml", userId, sequence }, privateKey, thresholdOptions);
}

const options = thresholdOptions;

describe("signed threshold files", () => {
  // G6.6A(a): a file signed by the User's key verifies and carries its thresholds.
  it("verifies under the issuer's key", () => {
    const result = verifySigned(signed(file(userA, 50), 1), "s.json", publicKey, options);
    expect(result).toMatchObject({ accepted: true, userId: userA, sequence: 1, loosened: [] });
    expect(result.accepted && result.thresholds[0]?.srv).toBe("7.2");
  });

  // G6.6A(a): the check of cryptographic protection fails under another key.
  it("refuses a signature under another key", () => {
    expect(verifySigned(signed(file(userA, 50), 1), "s.json", other, options)).toMatchObject({
      accepted: false,
      reason: "bad-signature",
    });
  });

  // G6.6A(a): raising a level in the signed text is caught.
  it("refuses a file whose thresholds were edited after signing", () => {
    const text = signed(file(userA, 50), 1).replace("quarantine: 50", "quarantine: 99");
    expect(verifySigned(text, "s.json", publicKey, options)).toMatchObject({
      accepted: false,
      reason: "bad-signature",
    });
  });

  // G6.6A(a): any re-serialisation, even whitespace only, is refused: the signed bytes are exact.
  it("refuses a re-formatted file", () => {
    const pretty = `${JSON.stringify(JSON.parse(signed(file(userA, 50), 1)), null, 2)}\n`;
    expect(verifySigned(pretty, "s.json", publicKey, options)).toMatchObject({
      accepted: false,
      reason: "altered",
    });
  });

  // G6.6A(b): a notification already applied is refused, and so is an older one.
  it("refuses a replay and an older sequence", () => {
    const text = signed(file(userA, 50), 7);
    expect(verifySigned(text, "s.json", publicKey, { ...options, lastSequence: 6 }).accepted).toBe(true);
    for (const lastSequence of [7, 8]) {
      expect(verifySigned(text, "s.json", publicKey, { ...options, lastSequence })).toMatchObject({
        accepted: false,
        reason: "replayed",
      });
    }
  });

  // G6.6A(b): applied once through the explicit state; the same file a second time is refused.
  it("applies a file once and remembers its sequence", () => {
    const registry = new Map([[userA, publicKey]]);
    const text = signed(file(userA, 50), 1);
    const first = applySigned(noneApplied, text, "s.json", registry, options);
    expect(first.verification.accepted).toBe(true);
    expect(first.state.lastSequence.get(userA)).toBe(1);
    const again = applySigned(first.state, text, "s.json", registry, options);
    expect(again.verification).toMatchObject({ accepted: false, reason: "replayed" });
    expect(again.state).toBe(first.state);
  });

  // G6.6A: applying replaces only the issuer's thresholds and keeps everyone else's.
  it("replaces the issuer's thresholds and keeps others'", () => {
    const registry = new Map([[userA, publicKey]]);
    const start = {
      lastSequence: new Map<string, number>(),
      thresholds: thresholdsFrom(file(userB, 5) + file(userA, 9).replace("thresholds:\n", "")),
    };
    const { state, verification } = applySigned(
      start,
      signed(file(userA, 50), 1),
      "s.json",
      registry,
      options,
    );
    expect(verification).toMatchObject({ accepted: true });
    expect(verification.accepted && verification.loosened.map((l) => l.level)).toEqual(["quarantine"]);
    expect(state.thresholds.map((t) => [t.index, t.scope.kind === "user" && t.scope.userId])).toEqual([
      [0, userB],
      [1, userA],
    ]);
  });

  // G6.6A(a): a User ID with no registered key cannot have thresholds applied.
  it("refuses an issuer with no registered key", () => {
    const result = applySigned(noneApplied, signed(file(userA, 50), 1), "s.json", new Map(), options);
    expect(result.verification).toMatchObject({ accepted: false, reason: "unregistered" });
  });

  // G6.4(c): a User notifies its own thresholds; another User ID's are refused when signing.
  it("refuses to sign another User ID's thresholds", () => {
    expect(() => signed(file(userB, 50), 1, userA)).toThrow(InputError);
    expect(() => signed(file(userB, 50), 1, userA)).toThrow(
      /thresholds\[0\]: expected only thresholds of User ID/,
    );
  });

  // G6.6A: keys must be Ed25519.
  it("refuses a key that is not Ed25519", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({
      type: "spki",
      format: "pem",
    });
    expect(() => parsePublicKey(rsa.toString(), "rsa.pem")).toThrow(
      "rsa.pem: expected an Ed25519 public key in SPKI PEM (found a rsa key)",
    );
    expect(() => parsePublicKey("nonsense", "x.pem")).toThrow(
      "x.pem: expected an Ed25519 public key in SPKI PEM",
    );
    expect(createPublicKey(keys.publicKey).asymmetricKeyType).toBe("ed25519");
  });

  // G6.6A(a): sign then verify round-trips for any levels, periods and sequence.
  it("round-trips sign → verify (property)", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10_000 }),
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (quarantine, hours, sequence) => {
          const text = file(userA, quarantine, `PT${hours}H`);
          const result = verifySigned(signed(text, sequence), "s.json", publicKey, options);
          return result.accepted && result.sequence === sequence && result.thresholds.length === 1;
        },
      ),
      { numRuns: 50 },
    );
  });

  // G6.6A(a): any single-byte change of the signed file is refused or unreadable — never accepted.
  it("never accepts a file with one byte changed (property)", () => {
    const bytes = Buffer.from(signed(file(userA, 50), 3));
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, delta) => {
        const changed = Buffer.from(bytes);
        changed[at] = (changed[at]! + delta) % 256;
        const text = new TextDecoder().decode(changed);
        try {
          return !verifySigned(text, "s.json", publicKey, options).accepted;
        } catch (error) {
          return error instanceof InputError;
        }
      }),
      { numRuns: 400 },
    );
  });
});
