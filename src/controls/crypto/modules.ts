import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { parseStructured, refuseRepeatedIds } from "../../common/structured-input.js";
import { classifyCryptoOperation } from "./classify.js";
import { type CryptoOperation, parseCryptoOperation } from "./operation.js";

/**
 * The register of Cryptographic Modules and the keys held in them, checked against the
 * requirement each key's operations carry (G2.44): a key whose operation needs a FIPS 140-2
 * Level 3 module but lives in a module without a Level 3 (or higher) validation is a finding.
 */

export type CryptoModule = {
  readonly id: string;
  /** The FIPS 140-2 overall security level of the module's validation; absent when not validated. */
  readonly fips140Level?: 1 | 2 | 3 | 4;
  /** The CMVP certificate number of that validation. */
  readonly certificate?: string;
};

export type RegisteredKey = {
  readonly id: string;
  readonly module: string;
  readonly operations: readonly CryptoOperation[];
};

export type ModuleRegister = {
  readonly modules: readonly CryptoModule[];
  readonly keys: readonly RegisteredKey[];
};

export type ModuleFinding = {
  readonly key: string;
  readonly module: string;
  /** Position (from 0) of the operation in the key's list. */
  readonly operation: number;
  /** The first paragraph of G2.44 that demands Level 3 for this operation… */
  readonly clause: string;
  /** …and all of them. */
  readonly clauses: readonly string[];
  readonly detail: string;
};

/*
 * Operations are validated by the crypto-operation reader itself (one definition of the format);
 * its error is turned into a zod issue here so that parseStructured can still name the line.
 */
const operation = z.unknown().transform((value, ctx): CryptoOperation => {
  try {
    return parseCryptoOperation(JSON.stringify(value ?? null), "operation");
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const inner = error.where.path;
    ctx.addIssue({ code: "custom", message: error.expected, path: inner === undefined ? [] : [inner] });
    return z.NEVER;
  }
});

const id = z.string().min(1, "a non-empty id");

const registerSchema = z
  .object({
    modules: z.array(
      z
        .object({
          id,
          fips140Level: z.literal([1, 2, 3, 4]).optional(),
          certificate: z.string().min(1, "a non-empty certificate number").optional(),
        })
        .strict(),
    ),
    keys: z.array(
      z.object({ id, module: id, operations: z.array(operation).min(1, "at least one operation") }).strict(),
    ),
  })
  .strict()
  .superRefine((register, ctx) => {
    refuseRepeatedIds(ctx, "modules", register.modules, "module");
    refuseRepeatedIds(ctx, "keys", register.keys, "key");
    const modules = new Set(register.modules.map((m) => m.id));
    register.keys.forEach((k, i) => {
      if (!modules.has(k.module)) {
        ctx.addIssue({
          code: "custom",
          path: ["keys", i, "module"],
          message: `the id of a module in the register ("${k.module}" is not one)`,
        });
      }
    });
  });

export function parseModuleRegister(text: string, file: string): ModuleRegister {
  const parsed = parseStructured(text, file, registerSchema);
  return {
    modules: parsed.modules.map((m) => ({
      id: m.id,
      ...(m.fips140Level === undefined ? {} : { fips140Level: m.fips140Level }),
      ...(m.certificate === undefined ? {} : { certificate: m.certificate }),
    })),
    keys: parsed.keys,
  };
}

/** A validation counts only with a certificate to show for it: a claimed level alone is not evidence. */
export function meetsLevel3(module: CryptoModule): boolean {
  return (module.fips140Level ?? 0) >= 3 && module.certificate !== undefined;
}

export function checkModuleRegister(register: ModuleRegister): ModuleFinding[] {
  const modules = new Map(register.modules.map((m) => [m.id, m]));
  const findings: ModuleFinding[] = [];
  for (const key of register.keys) {
    const module = modules.get(key.module);
    if (module === undefined || meetsLevel3(module)) continue;
    key.operations.forEach((op, index) => {
      const answer = classifyCryptoOperation(op);
      if (answer.requirement !== "fips-140-2-level-3") return;
      findings.push({
        key: key.id,
        module: module.id,
        operation: index,
        clause: answer.clauses[0],
        clauses: answer.clauses,
        detail: `${answer.reason}, but module ${module.id} ${describeModule(module)}`,
      });
    });
  }
  return findings;
}

function describeModule(module: CryptoModule): string {
  if (module.fips140Level === undefined) return "has no FIPS 140-2 validation";
  if (module.certificate === undefined)
    return `claims FIPS 140-2 Level ${module.fips140Level} with no certificate`;
  return `is validated only to FIPS 140-2 Level ${module.fips140Level} (certificate ${module.certificate})`;
}
