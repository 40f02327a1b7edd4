import fc from "fast-check";
import {
  activities,
  type CryptoOperation,
  keyKinds,
  keyLifetimes,
  operators,
  purposes,
  targets,
} from "../../../src/controls/crypto/operation.js";

/** Every operation the contract can describe, optional facts present or absent. */
export const anyOperation: fc.Arbitrary<CryptoOperation> = fc.record(
  {
    by: fc.constantFrom(...operators),
    activity: fc.constantFrom(...activities),
    purpose: fc.constantFrom(...purposes),
    key: fc.constantFrom(...keyKinds),
    target: fc.constantFrom(...targets),
    keyEncrypted: fc.boolean(),
    deviceCategory: fc.constantFrom(1 as const, 2 as const),
    keyLifetime: fc.constantFrom(...keyLifetimes),
    keySplit: fc.boolean(),
  },
  { requiredKeys: ["by", "activity", "purpose", "key", "target"] },
);
