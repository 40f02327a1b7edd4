import type { Peers } from "../../obligations/applicability/premises.js";
import { type Deadline, deadlinesFor } from "../../obligations/deadlines/deadlines.js";
import type { DeadlineFacts } from "../../obligations/deadlines/facts.js";
import type { PartyProfile } from "../../obligations/profile.js";

/**
 * The notices a User owes the Security Sub-Committee (and, for a Major Security Incident, the Panel),
 * each with what its clause asks it to contain and its due date. The dates come from the deadline rules
 * (src/obligations/deadlines), so a notice is due exactly when the matching deadline is and only when
 * that duty binds the party; the text fills in what the records know and marks what is still to write.
 * Pure: the day is a parameter.
 */
export type NoticeDetails = Readonly<Record<string, Readonly<Record<string, string>>>>;

export type NoticeField = { readonly label: string; readonly clause: string; readonly value: string | null };

export type Notice = {
  readonly id: string;
  readonly clause: string;
  readonly alsoClauses: readonly string[];
  readonly to: readonly string[];
  readonly title: string;
  readonly subject: string;
  readonly due: string;
  readonly basis: string;
  readonly status: Deadline["status"];
  readonly done?: string;
  readonly fields: readonly NoticeField[];
};

type Template = {
  readonly clause: string;
  readonly alsoClauses?: readonly string[];
  readonly to: readonly string[];
  readonly title: (subject: string) => string;
  /** Fields read from the details given for the subject, by key. */
  readonly fields: readonly { readonly key: string; readonly label: string; readonly clause: string }[];
};

const ssc = "Security Sub-Committee";

/** Keyed by the clause of the deadline whose date the notice takes. */
const templates: Readonly<Record<string, Template>> = {
  "G3.5": {
    clause: "G3.5",
    to: ["Panel", ssc],
    title: (s) => `Major Security Incident ${s} in the User Systems`,
    fields: [
      { key: "summary", label: "What happened and when it was found", clause: "G3.5" },
      { key: "systems", label: "User Systems affected", clause: "G3.5" },
      { key: "actions", label: "Steps taken under the User's ISMS", clause: "G3.4" },
    ],
  },
  "G3.9(a)": {
    clause: "G3.9(a)",
    to: [ssc],
    title: (s) => `New System ${s}: notice, and request for authorisation before it becomes operational`,
    fields: [
      { key: "description", label: "Description of the System", clause: "G3.9(a)(ii)" },
      { key: "purpose", label: "What it will be used for", clause: "G3.9(a)(ii)" },
      {
        key: "relationship",
        label: "How it relates to the other parts of the User Systems",
        clause: "G3.9(a)(ii)",
      },
    ],
  },
  "G3.9(c)": {
    clause: "G3.9(c)",
    to: [ssc],
    title: (s) => `Decommissioning or discontinuing ${s}`,
    fields: [
      { key: "reason", label: "Why the change is made", clause: "G3.9(c)(ii)" },
      { key: "timing", label: "Proposed timing", clause: "G3.9(c)(ii)" },
    ],
  },
  "G3.9(b)(ii)": {
    clause: "G3.18(c)",
    alsoClauses: ["G3.9(b)(ii)"],
    to: [ssc],
    title: (s) => `Vulnerability ${s}: steps to rectify or mitigate it`,
    fields: [
      {
        key: "steps",
        label: "Steps being taken to rectify the cause or mitigate the impact",
        clause: "G3.18(c)",
      },
      { key: "completeBy", label: "When those steps will be completed", clause: "G3.18(c)" },
    ],
  },
  "G5.27(a)": {
    clause: "G5.27(a)",
    to: [ssc],
    title: () => "First notice of Smart Metering Systems reachable from User Systems with Shared Resources",
    fields: [
      {
        key: "smartMeteringSystems",
        label: "Smart Metering Systems Critical Service Requests can be sent for",
        clause: "G5.27",
      },
    ],
  },
  "G5.27(b)": {
    clause: "G5.27(b)",
    to: [ssc],
    title: () =>
      "Six-monthly notice of Smart Metering Systems reachable from User Systems with Shared Resources",
    fields: [
      {
        key: "smartMeteringSystems",
        label: "Smart Metering Systems Critical Service Requests can be sent for",
        clause: "G5.27",
      },
    ],
  },
};

/** G5.26 has no deadline of its own: it is due with the first G5.27 notice, on starting to share. */
const sharedStart: Template = {
  clause: "G5.26",
  to: [ssc],
  title: () => "Starting to employ Shared Resources in the User Systems",
  fields: [
    { key: "provider", label: "Shared Resource Provider", clause: "G5.26(b)(i)" },
    { key: "contact", label: "Its contact details", clause: "G5.26(b)(i)" },
    { key: "services", label: "Services it provides for the User Systems", clause: "G5.26(b)(ii)" },
  ],
};

/** What the records already say, before the details given by hand. */
function known(
  profile: PartyProfile,
  peers: Peers,
  facts: DeadlineFacts,
  deadline: Deadline,
): Record<string, string> {
  const vulnerability = facts.vulnerabilities.find((v) => v.id === deadline.subject);
  const system = facts.systems.find((s) => s.id === deadline.subject);
  const provider = profile.sharedResources?.providedBy;
  return {
    ...(vulnerability?.rectifyBy === undefined ? {} : { completeBy: vulnerability.rectifyBy }),
    ...(system?.decommissioning === undefined ? {} : { timing: system.decommissioning }),
    ...(provider === undefined ? {} : { provider: peers.get(provider)?.name ?? provider }),
  };
}

function noticeFrom(
  template: Template,
  deadline: Deadline,
  values: Readonly<Record<string, string>>,
  id: string,
): Notice {
  return {
    id,
    clause: template.clause,
    alsoClauses: template.alsoClauses ?? [],
    to: template.to,
    title: template.title(deadline.subject),
    subject: deadline.subject,
    due: deadline.due,
    basis: deadline.basis,
    status: deadline.status,
    ...(deadline.done === undefined ? {} : { done: deadline.done }),
    fields: template.fields.map((f) => ({ label: f.label, clause: f.clause, value: values[f.key] ?? null })),
  };
}

export function sscNotices(
  profile: PartyProfile,
  facts: DeadlineFacts,
  details: NoticeDetails,
  on: string,
  peers: Peers = new Map([[profile.id, profile]]),
): Notice[] {
  const notices: Notice[] = [];
  for (const deadline of deadlinesFor(profile, facts, on, peers)) {
    const template = templates[deadline.clause];
    if (template === undefined) continue;
    const values = { ...known(profile, peers, facts, deadline), ...details[deadline.subject] };
    notices.push(noticeFrom(template, deadline, values, `${template.clause}:${deadline.subject}`));
    if (deadline.clause === "G5.27(a)") {
      notices.push(noticeFrom(sharedStart, deadline, values, `G5.26:${deadline.subject}`));
    }
  }
  // Soonest first; a day sorts before the hours of that day, which is near enough for a list.
  return notices.sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
}

/** One notice as Markdown, ready to send; fields not yet known are marked for the writer. */
export function noticeMarkdown(
  notice: Notice,
  party: { readonly id: string; readonly name: string },
): string {
  const clauses = [notice.clause, ...notice.alsoClauses].join(", ");
  const lines = [
    `# ${notice.title}`,
    "",
    `- **From:** ${party.name} (${party.id})`,
    `- **To:** ${notice.to.join(" and ")}`,
    `- **Under:** ${clauses}`,
    `- **Due:** ${notice.due} (${notice.basis})`,
    "",
  ];
  for (const field of notice.fields) {
    lines.push(`## ${field.label} (${field.clause})`, "", field.value ?? "_To be completed._", "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
