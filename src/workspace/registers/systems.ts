import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { type Allowlist, parseAllowlist } from "../../controls/host/allowlist.js";
import type { IsoDate } from "../../obligations/calendar/iso-date.js";
import type { Lifecycle, RegisterDefinition } from "./definition.js";
import { isoDate, issueFrom, recordId, text } from "./fields.js";

/**
 * The systems register: each System of the party, where it stands in its life, and the
 * allowlists the host controls check it against.
 */

/** `user-system` a part of the User Systems (G3); the DCC's kinds follow its Live/other split (G2.20). */
export const systemKinds = [
  "user-system",
  "dcc-live",
  "dcc-live-b",
  "dcc-live-c",
  "dcc-other",
  "smets1",
  "other",
] as const;

/**
 * G3.9(a): a new System is authorised by the SSC before it becomes operational; G3.9(c): the SSC
 * is told before a System is decommissioned. States only move forward.
 */
export const systemStates = ["planned", "authorised", "operational", "decommissioned"] as const;
export type SystemState = (typeof systemStates)[number];

/** The date field each state records when it is reached. */
const reachedOn = {
  authorised: "authorisedOn",
  operational: "operationalOn",
  decommissioned: "decommissionedOn",
} as const;

/**
 * Raw allowlist entries as people write them (G2.4(b)-(c) ports, protocols, peers and purpose);
 * checked by the host controls' own allowlist reader, so there is one definition of the format.
 */
const portEntry = z.strictObject({
  port: z.number(),
  protocol: z.string(),
  direction: z.enum(["inbound", "outbound"]).optional(),
  process: z.string().optional(),
  peers: z.array(z.string()).optional(),
  purpose: z.string(),
});

const systemSchema = z
  .strictObject({
    id: recordId,
    name: text,
    kind: z.enum(systemKinds),
    owner: text.optional(),
    description: text.optional(),
    status: z.enum(systemStates),
    /** G3.9(a)(i)-(ii): the SSC told of the new System, with its description and purpose. */
    sscNotifiedOn: isoDate.optional(),
    /** G3.9(a)(iii): the SSC's authorisation to bring it into operation. */
    authorisedOn: isoDate.optional(),
    operationalOn: isoDate.optional(),
    /** G3.9(c)(i): the SSC told before decommissioning. */
    decommissioningNoticeOn: isoDate.optional(),
    decommissionedOn: isoDate.optional(),
    /** G2.2, G3.2: the software that may be installed and executed. */
    allowedPackages: z.array(text).default([]),
    allowedExecutables: z.array(text).default([]),
    ports: z.array(portEntry).default([]),
    /** G2.8(a): the connection-attempt rates that count as denial of service (the allowlist's defaults if absent). */
    denialOfService: z
      .strictObject({
        windowSeconds: z.number().optional(),
        perSource: z.number().optional(),
        total: z.number().optional(),
      })
      .optional(),
    /** Globs of packages whose drift is rated high beside the built-in list (G2.3, G3.1). */
    securityRelevant: z.array(text).default([]),
  })
  .superRefine((system, ctx) => {
    if (system.ports.length > 0 || system.denialOfService !== undefined) {
      try {
        allowlistOf(system);
      } catch (error) {
        const rates = error instanceof InputError && error.where.path?.startsWith("denialOfService");
        issueFrom(ctx, error, rates ? /^denialOfService/ : /^allow/, [rates ? "denialOfService" : "ports"]);
      }
    }
    const reached = systemStates.indexOf(system.status);
    for (const [state, key] of Object.entries(reachedOn)) {
      const has = system[key] !== undefined;
      const should = systemStates.indexOf(state as SystemState) <= reached;
      if (has !== should) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: should
            ? `the date the system became ${state} (its status is ${system.status})`
            : `no ${key} while the status is ${system.status}`,
        });
      }
    }
    const order: [keyof typeof system, keyof typeof system, string][] = [
      ["authorisedOn", "operationalOn", "G3.9(a)(iii): authorised on or before it became operational"],
      [
        "decommissioningNoticeOn",
        "decommissionedOn",
        "G3.9(c)(iii): notice given on or before decommissioning",
      ],
    ];
    for (const [before, after, message] of order) {
      const a = system[before] as string | undefined;
      const b = system[after] as string | undefined;
      if (a !== undefined && b !== undefined && b < a)
        ctx.addIssue({ code: "custom", path: [after], message });
    }
    if (system.decommissionedOn !== undefined && system.decommissioningNoticeOn === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["decommissioningNoticeOn"],
        message: "the date the SSC was told of the decommissioning (G3.9(c)(i))",
      });
    }
  });

export type SystemRecord = z.output<typeof systemSchema>;

const lifecycle: Lifecycle<SystemRecord> = {
  field: "status",
  next: {
    planned: ["authorised", "decommissioned"],
    authorised: ["operational", "decommissioned"],
    operational: ["decommissioned"],
    decommissioned: [],
  },
  stateOf: (system) => system.status,
  // The engine validates the result, so the schema's G3.9 rules (authorised before operational,
  // notice before decommissioning) hold for transitions exactly as for imports.
  apply: (system, to, on: IsoDate) => ({
    ...system,
    status: to as SystemState,
    [reachedOn[to as Exclude<SystemState, "planned">]]: on,
  }),
};

export const systems: RegisterDefinition<SystemRecord> = {
  name: "systems",
  noun: "system",
  schema: systemSchema,
  columns: [
    { key: "id", kind: "text" },
    { key: "name", kind: "text" },
    { key: "kind", kind: "text" },
    { key: "owner", kind: "text" },
    { key: "description", kind: "text" },
    { key: "status", kind: "text" },
    { key: "sscNotifiedOn", kind: "date" },
    { key: "authorisedOn", kind: "date" },
    { key: "operationalOn", kind: "date" },
    { key: "decommissioningNoticeOn", kind: "date" },
    { key: "decommissionedOn", kind: "date" },
    { key: "allowedPackages", kind: "list" },
    { key: "allowedExecutables", kind: "list" },
    { key: "ports", kind: "json" },
    { key: "denialOfService", kind: "json" },
    { key: "securityRelevant", kind: "list" },
  ],
  lifecycle,
};

/** The system's port allowlist in the form the host controls check observed sockets against. */
export function allowlistOf(system: Pick<SystemRecord, "id" | "ports" | "denialOfService">): Allowlist {
  const { id, ports, denialOfService } = system;
  return parseAllowlist(
    JSON.stringify({ system: id, allow: ports, ...(denialOfService ? { denialOfService } : {}) }),
    `systems/${id}`,
  );
}
