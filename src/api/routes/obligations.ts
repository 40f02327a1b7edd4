/**
 * Obligations over HTTP: evaluate any profile on a date (with the peers it refers to), and the
 * catalogue itself, filtered. A profile in a body is checked by the same validator as a profile
 * file on the command line, so both faces report the same key path and expectation.
 */
import type { FastifySchemaCompiler } from "fastify";
import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { applicableObligations, codeVersionOn } from "../../obligations/applicability/applicable.js";
import { londonDate } from "../../obligations/calendar/iso-date.js";
import { catalogueOn } from "../../obligations/catalogue/index.js";
import type { CatalogueEntry } from "../../obligations/catalogue/types.js";
import { codeVersions } from "../../obligations/catalogue/versions.js";
import { type PartyProfile, profileSchema, validateProfile } from "../../obligations/profile.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
import { ErrorBody } from "../errors.js";
import { validatorCompiler } from "../zod-schemas.js";

export const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a calendar date as YYYY-MM-DD");

export const Obligation = z.object({
  id: z.string().describe("The clause or paragraph that binds, e.g. G5.19(d)"),
  because: z.array(z.string()).describe("Why it binds: the chain of rules, with clause ids"),
});

export const CodeVersionRef = z.object({
  label: z.string(),
  inForce: z.string(),
  dateAssumed: z.boolean().describe("The in-force date is an assumption (the sources give none)"),
});

export const ObligationsAnswer = z.object({
  party: z.string(),
  on: z.string(),
  codeVersion: CodeVersionRef,
  partyObligations: z.array(Obligation).describe("Duties on the party as such"),
  roles: z.array(
    z.object({
      role: z.string(),
      because: z.array(z.string()).describe("Why the role carries User duties (G1.5–G1.7, G10.5, G12.5)"),
      obligations: z.array(Obligation),
    }),
  ),
});

/** The profile as documented in OpenAPI; the request itself is checked by validateProfile. */
export const ProfileBody = profileSchema.describe("A party profile (../shared/contracts/party-profile.md)");

const EvaluateBody = z.strictObject({
  profile: ProfileBody,
  peers: z.array(ProfileBody).optional().describe("Profiles the party refers to (shared resources)"),
  on: DateString.optional().describe("Default: today in Great Britain"),
});

/** A profile checked as the CLI checks a file, the error's key path placed under `prefix`. */
export function checkProfile(value: unknown, prefix = ""): PartyProfile {
  try {
    return validateProfile(value, "body");
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const inner = error.where.path ?? "";
    const path = prefix + (inner.startsWith("[") || prefix === "" ? inner : `.${inner}`);
    throw new InputError(path === "" ? {} : { path }, error.expected);
  }
}

/** Routes whose body holds profiles validate it with `check`; their other parts as usual. */
export function bodyCheckedBy<S>(check: (body: unknown) => unknown): FastifySchemaCompiler<S> {
  return (route) =>
    route.httpPart === "body"
      ? (data) => {
          try {
            return { value: check(data) };
          } catch (error) {
            if (error instanceof InputError) return { error };
            throw error;
          }
        }
      : validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}

type Evaluate = { profile: PartyProfile; peers: PartyProfile[]; on: string | undefined };

function checkEvaluate(body: unknown): Evaluate {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new InputError({ path: "body" }, "an object with profile, peers and on");
  }
  const { profile, peers, on, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new InputError({ path: unknown }, "no such key (profile, peers, on)");
  if (profile === undefined) throw new InputError({ path: "profile" }, "a party profile (it is missing)");
  if (peers !== undefined && !Array.isArray(peers))
    throw new InputError({ path: "peers" }, "a list of profiles");
  if (on !== undefined && typeof on !== "string")
    throw new InputError({ path: "on" }, "a date as YYYY-MM-DD");
  return {
    profile: checkProfile(profile, "profile"),
    peers: (peers ?? []).map((peer, i) => checkProfile(peer, `peers[${i}]`)),
    on,
  };
}

const kinds = [
  "duty",
  "definition",
  "interpretation",
  "permission",
  "relief",
  "procedure",
  "reserved",
] as const;
const areas = ["system", "organisational", "information", "assurance"] as const;
const triggers = ["standing", "periodic", "event", "dated"] as const;

const CatalogueEntrySchema = z.object({
  clause: z.string(),
  part: z.string().describe("The part of Section G, e.g. G3"),
  kind: z.enum(kinds),
  summary: z.string().describe("What the clause does, in the project's own words"),
  since: z.string(),
  until: z.string().optional(),
  bearers: z.array(z.string()).optional(),
  trigger: z
    .object({ kind: z.enum(triggers), every: z.string().optional(), event: z.string().optional() })
    .optional(),
  area: z.enum(areas).optional(),
  evidence: z.array(z.string()).optional().describe("What an assessor would ask to see"),
  standards: z.array(z.string()).optional(),
  conditions: z.array(z.string()).optional(),
  paragraphs: z
    .array(z.object({ id: z.string(), summary: z.string(), conditions: z.array(z.string()).optional() }))
    .optional(),
  actors: z.array(z.string()).optional(),
  affects: z.array(z.string()).optional(),
});

const CatalogueQuery = z.strictObject({
  on: DateString.optional().describe("The entries under the version in force then (default today)"),
  version: z.string().optional().describe("Or name the catalogue's version label directly"),
  part: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^G\d+$/, "a part of the section such as G2")
    .optional(),
  kind: z.enum(kinds).optional(),
  area: z.enum(areas).optional(),
  trigger: z.enum(triggers).optional(),
});

const errors = { 400: ErrorBody };
const tags = ["obligations"];

export function partOf(clause: string): string {
  return clause.replace(/\..*$/, "");
}

export function obligationsRoutes(app: App, store: Store): void {
  app.post(
    "/api/obligations/evaluate",
    {
      config: { access: { resource: "obligations", action: "read" } },
      schema: {
        summary: "The obligations of any profile on a date, as the party itself and in each User Role",
        tags,
        body: EvaluateBody,
        response: { 200: ObligationsAnswer, ...errors },
      },
      validatorCompiler: bodyCheckedBy(checkEvaluate),
    },
    async (request) => {
      const { profile, peers, on } = request.body as unknown as Evaluate;
      const date = on ?? londonDate(store.clock.now());
      codeVersionOn(date, "on");
      const byId = new Map(peers.map((peer) => [peer.id, peer]));
      byId.set(profile.id, profile);
      return applicableObligations(profile, byId, date);
    },
  );

  app.get(
    "/api/catalogue",
    {
      config: { access: { resource: "obligations", action: "read" } },
      schema: {
        summary: "The catalogue of Section G under one Code version, filterable by part, kind, area, trigger",
        tags,
        querystring: CatalogueQuery,
        response: {
          200: z.object({
            version: CodeVersionRef.extend({ title: z.string() }),
            entries: z.array(CatalogueEntrySchema),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { on, version: label, part, kind, area, trigger } = request.query;
      const version =
        label === undefined
          ? codeVersionOn(on ?? londonDate(store.clock.now()), "on")
          : codeVersions.find((v) => v.label === label);
      if (version === undefined) {
        throw new InputError(
          { path: "version" },
          `one of ${codeVersions.map((v) => v.label).join(", ")} (the catalogue's versions)`,
        );
      }
      const matches = (entry: CatalogueEntry) =>
        (part === undefined || partOf(entry.clause) === part) &&
        (kind === undefined || entry.kind === kind) &&
        (area === undefined || (entry.kind === "duty" && entry.area === area)) &&
        (trigger === undefined || (entry.kind === "duty" && entry.trigger.kind === trigger));
      return {
        version,
        entries: catalogueOn(version.label)
          .filter(matches)
          .map((entry) => ({ ...entry, part: partOf(entry.clause) })),
      };
    },
  );
}
