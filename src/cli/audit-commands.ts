import { userInfo } from "node:os";
import type { Command } from "commander";
import { InputError } from "../common/input-error.js";
import { UnreadableBundle, verifyBundle } from "../workspace/audit-log/bundle.js";
import { registeredKeys, type SignOutcome, signNewCheckpoint } from "../workspace/audit-log/checkpoints.js";
import { currentSigningKey, rotateSigningKey } from "../workspace/audit-log/keys.js";
import {
  type PublicKeyInfo,
  parseSignedNote,
  parseVerifierKey,
  verifierKey,
} from "../workspace/audit-log/note.js";
import {
  ArchiveNotVerified,
  cutOfKeepDays,
  defaultMinimumRetentionDays,
  type RetainOutcome,
  readRetentionPolicy,
  requireMinimumAge,
  retainAuditLog,
  writeBundleFile,
} from "../workspace/audit-log/retention.js";
import { AuditIntegrityError } from "../workspace/audit-log/tree.js";
import { defaultDataDir } from "../workspace/data-dir.js";
import { partyAuditEntries } from "../workspace/party-audit.js";
import {
  instant,
  type Review,
  type ReviewedEntry,
  reviewAuditLog,
  reviewPeriod,
  reviewThresholds,
  type Unusual,
} from "../workspace/review.js";
import type { Store } from "../workspace/store.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";
import { withExistingStore, withStore } from "./store-options.js";

type DataOptions = { data: string; json?: boolean };

const dataOption = [
  "--data <dir>",
  "the workspace folder; the signing keys live in <dir>/keys even with DATABASE_URL",
] as const;

/** `secg audit checkpoint|rotate-key|keys|export|verify|retain|entries|review`: the tamper-evident audit log (G2.26, G2.27). */
export function registerAuditCommands(program: Command, io: CliIo, run: Run): void {
  const audit = program
    .command("audit")
    .description("the tamper-evident audit log: checkpoints, export and verify");
  const actor = () => ({ actor: `cli:${userInfo().username}` });

  audit
    .command("checkpoint")
    .description("add new entries to the Merkle tree and sign a checkpoint, if it extends the last one")
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (opts: DataOptions): Promise<ExitCode> => {
        const key = await currentSigningKey(opts.data);
        const outcome = await withStore(opts.data, (store) => sign(store, key, actor()));
        return report(io, outcome, opts.json);
      }),
    );

  audit
    .command("rotate-key")
    .description("make a new signing key; it signs every checkpoint from now on, old keys stay listed")
    .option(...dataOption, defaultDataDir)
    .action(
      run(async (opts: DataOptions): Promise<ExitCode> => {
        const key = await rotateSigningKey(opts.data);
        io.out(`New signing key ${key.file}; it signs from the next checkpoint.\n`);
        return 0;
      }),
    );

  audit
    .command("keys")
    .description("list every public key that ever signed a checkpoint, as signed-note verifier keys")
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (opts: DataOptions): Promise<ExitCode> => {
        const keys = await withStore(opts.data, (store) => registeredKeys(store.db));
        const listed = keys.map((key) => ({
          name: key.name,
          verifierKey: verifierKey(key),
          registeredAt: key.registeredAt,
        }));
        if (opts.json) printJson(io, { keys: listed });
        else for (const key of listed) io.out(`${key.verifierKey}  (since ${key.registeredAt})\n`);
        return 0;
      }),
    );

  audit
    .command("export")
    .description("sign a checkpoint, then write the log as a bundle anyone can verify offline")
    .option(...dataOption, defaultDataDir)
    .requiredOption("--out <bundle>", "the bundle file to write (JSON Lines)")
    .option(
      "--since <checkpoint>",
      "an earlier checkpoint note or bundle: include a consistency proof from it",
    )
    .option("--no-checkpoint", "export up to the last signed checkpoint without signing a new one")
    .action(
      run(
        async (
          opts: DataOptions & { out: string; since?: string; checkpoint: boolean },
        ): Promise<ExitCode> => {
          const since = opts.since === undefined ? undefined : await earlierCheckpoint(opts.since);
          const key = opts.checkpoint ? await currentSigningKey(opts.data) : undefined;
          return withStore(opts.data, async (store) => {
            if (key) {
              const outcome = await sign(store, key, actor());
              if (!outcome.signed) return report(io, outcome, false);
            }
            let entries: number;
            try {
              entries = await writeBundleFile(store.db, opts.out, {
                exportedAt: store.clock.now().toISOString(),
                ...(since ? { since } : {}),
              });
            } catch (error) {
              if ((error as Error).message === "no signed checkpoint to export") {
                throw new InputError(
                  { path: "--no-checkpoint" },
                  "a store with a signed checkpoint (run secg audit checkpoint)",
                );
              }
              throw error;
            }
            io.out(`Wrote ${entries} entries and the signed checkpoint to ${opts.out}\n`);
            return 0;
          });
        },
      ),
    );

  audit
    .command("verify")
    .description("check a bundle offline: canonical entries, leaf hashes, root and signature")
    .argument("<bundle>", "a bundle written by secg audit export")
    .option(
      "--key <verifierKey...>",
      "trust only these signed-note verifier keys (default: the bundle's own)",
    )
    .option("--json", "print JSON")
    .action(
      run(async (file: string, opts: { key?: string[]; json?: boolean }): Promise<ExitCode> => {
        const trusted = opts.key?.map((text, i) => trustedKey(text, i));
        const text = await readTextFile(file);
        let verdict: ReturnType<typeof verifyBundle>;
        try {
          verdict = verifyBundle(text, trusted);
        } catch (error) {
          if (error instanceof UnreadableBundle)
            throw new InputError({ file, line: error.line }, error.expected);
          throw error;
        }
        const { valid, size, root, firstInvalid, pruned, problems } = verdict;
        if (opts.json) printJson(io, { valid, size, root, firstInvalid, pruned, problems });
        else if (valid) io.out(`Valid: ${size} entries${prunedText(pruned)}, root ${root}\n`);
        else {
          io.out(`INVALID: first invalid entry ${firstInvalid} of ${size}\n`);
          for (const problem of problems) io.out(`  ${problem}\n`);
        }
        return valid ? 0 : 1;
      }),
    );

  audit
    .command("retain")
    .description(
      "archive the log in a verified bundle, then remove the text of the oldest entries from the store (their hashes stay)",
    )
    .option(...dataOption, defaultDataDir)
    .requiredOption(
      "--archive <bundle>",
      "the bundle to write first; it keeps the text the store is about to lose",
    )
    .option(
      "--before <date>",
      "prune entries whose time is before this date (YYYY-MM-DD) or ISO 8601 instant",
    )
    .option("--keep-days <days>", "prune entries older than this many days")
    .option("--policy <file>", "a YAML or JSON retention policy: keepDays, and optionally minimumDays")
    .option(
      "--minimum-days <days>",
      `never prune entries younger than this many days (default ${defaultMinimumRetentionDays})`,
    )
    .option("--json", "print JSON")
    .action(
      run(async (opts: RetainOptions): Promise<ExitCode> => {
        const choice = await retentionChoice(opts);
        const key = await currentSigningKey(opts.data);
        return withStore(opts.data, async (store) => {
          const now = store.clock.now();
          const cut = choice.cut(now);
          requireMinimumAge(cut, now, choice.minimumDays, choice.where);
          let outcome: RetainOutcome;
          try {
            outcome = await retainAuditLog(
              store.db,
              store.clock,
              key,
              { cut, minimumDays: choice.minimumDays, archiveFile: opts.archive },
              actor(),
            );
          } catch (error) {
            if (!(error instanceof ArchiveNotVerified || error instanceof AuditIntegrityError)) throw error;
            outcome = { retained: false, reason: error.message };
          }
          if (!outcome.retained) {
            io.err(`Refused to prune: ${outcome.reason}\n`);
            return 1;
          }
          const { retention } = outcome;
          const { archive } = retention;
          const pruned = retention.prunedTo - retention.prunedFrom;
          if (opts.json) printJson(io, { ...retention, pruned });
          else
            io.out(
              `Archived ${archive.size} entries to ${archive.file} (sha256 ${archive.sha256}); ` +
                (pruned === 0
                  ? `no entry before ${retention.cut} still had its text.\n`
                  : `removed the text of entries ${retention.prunedFrom} to ${retention.prunedTo - 1} (before ${retention.cut}).\n`),
            );
          return 0;
        });
      }),
    );

  audit
    .command("entries")
    .description("one party's audit entries, newest first (what its auditor reads over the API)")
    .option(...dataOption, defaultDataDir)
    .requiredOption("--party <id>", "the party whose entries to list")
    .option("--since <date>", "entries at or after: YYYY-MM-DD or an ISO 8601 instant")
    .option("--until <date>", "entries before: YYYY-MM-DD or an ISO 8601 instant")
    .option("--action <prefix>", "only actions starting with this, e.g. register")
    .option("--outcome <outcome>", "only success, failure or denied")
    .option("--actor <actor>", "only this actor, e.g. user:alice")
    .option("--limit <count>", "at most this many entries", "100")
    .option("--json", "print JSON")
    .action(
      run(async (opts: EntriesOptions): Promise<ExitCode> => {
        const query = {
          party: opts.party,
          since: opts.since === undefined ? undefined : instant(opts.since, "--since"),
          until: opts.until === undefined ? undefined : instant(opts.until, "--until"),
          action: opts.action,
          outcome: outcomeOf(opts.outcome),
          actor: opts.actor,
          limit: wholeNumber(opts.limit, "--limit", 1),
        };
        const page = await withExistingStore(opts.data, (store) => partyAuditEntries(store.db, query));
        if (opts.json) printJson(io, { party: opts.party, ...page });
        else
          for (const e of page.entries)
            io.out(`${e.seq}  ${e.time}  ${e.actor}  ${e.action}  ${e.target}  ${e.outcome}\n`);
        return 0;
      }),
    );

  audit
    .command("review")
    .description("denied attempts, failed logins and unusual activity over a period (G2.26)")
    .option(...dataOption, defaultDataDir)
    .option("--since <date>", "start: YYYY-MM-DD or an ISO 8601 instant (default: a week before --until)")
    .option("--until <date>", "end, excluded: YYYY-MM-DD or an ISO 8601 instant (default: now)")
    .option(
      "--burst <count/minutes>",
      "this many refusals from one actor or address within the minutes is unusual (5/10)",
    )
    .option("--hours <start-end>", "working hours in Europe/London, Monday to Friday (7-19)")
    .option("--json", "print JSON")
    .action(
      run(
        async (
          opts: DataOptions & { since?: string; until?: string; burst?: string; hours?: string },
        ): Promise<ExitCode> => {
          const thresholds = reviewThresholds(opts, { burst: "--burst", hours: "--hours" });
          const review = await withExistingStore(opts.data, (store) =>
            reviewAuditLog(
              store.db,
              reviewPeriod(opts, store.clock.now(), { since: "--since", until: "--until" }),
              thresholds,
            ),
          );
          if (opts.json) printJson(io, review);
          else io.out(reviewText(review));
          return 0;
        },
      ),
    );
}

type RetainOptions = DataOptions & {
  archive: string;
  before?: string;
  keepDays?: string;
  policy?: string;
  minimumDays?: string;
};

type EntriesOptions = DataOptions & {
  party: string;
  since?: string;
  until?: string;
  action?: string;
  outcome?: string;
  actor?: string;
  limit: string;
};

/** Exactly one of --before, --keep-days and --policy sets the cut; the minimum comes from the option or the policy. */
async function retentionChoice(opts: RetainOptions) {
  const given = [opts.before, opts.keepDays, opts.policy].filter((o) => o !== undefined).length;
  if (given !== 1) {
    throw new InputError({ path: "--before" }, "exactly one of --before, --keep-days or --policy");
  }
  const policy =
    opts.policy === undefined ? undefined : readRetentionPolicy(await readTextFile(opts.policy), opts.policy);
  const minimumDays =
    opts.minimumDays !== undefined
      ? wholeNumber(opts.minimumDays, "--minimum-days", 0)
      : (policy?.minimumDays ?? defaultMinimumRetentionDays);
  if (opts.before !== undefined) {
    const before = instant(opts.before, "--before");
    return { cut: () => before, minimumDays, where: { path: "--before" } };
  }
  const keepDays = policy?.keepDays ?? wholeNumber(opts.keepDays!, "--keep-days", 1);
  return {
    cut: (now: Date) => cutOfKeepDays(now, keepDays),
    minimumDays,
    where: opts.policy === undefined ? { path: "--keep-days" } : { file: opts.policy, path: "keepDays" },
  };
}

function wholeNumber(text: string, path: string, least: number): number {
  if (!/^\d{1,6}$/.test(text) || Number(text) < least) {
    throw new InputError({ path }, `a whole number from ${least} (got ${JSON.stringify(text)})`);
  }
  return Number(text);
}

const outcomes = ["success", "failure", "denied"] as const;

function outcomeOf(text: string | undefined): (typeof outcomes)[number] | undefined {
  if (text === undefined) return undefined;
  const outcome = outcomes.find((o) => o === text);
  if (!outcome)
    throw new InputError(
      { path: "--outcome" },
      `one of ${outcomes.join(", ")} (got ${JSON.stringify(text)})`,
    );
  return outcome;
}

function prunedText(pruned: number): string {
  return pruned === 0 ? "" : ` (${pruned} by leaf hash only: their text was removed by a retention)`;
}

function reviewText(review: Review): string {
  const where = (e: ReviewedEntry) =>
    `${e.time}  ${e.actor}${e.clientAddress ? ` from ${e.clientAddress}` : ""}`;
  const lines = [
    `Audit review ${review.since} to ${review.until}: ${review.entries} entries`,
    `Denied attempts: ${review.denied.length}`,
    ...review.denied.map((e) => `  ${where(e)}  ${e.target}  ${String(e.detail.reason ?? "")}`.trimEnd()),
    `Failed logins and lockouts: ${review.failedLogins.length}`,
    ...review.failedLogins.map((e) => `  ${where(e)}  ${e.kind} ${e.target}`),
    `Unusual activity: ${review.unusual.length}`,
    ...review.unusual.map((u) => `  ${unusualText(u)}`),
  ];
  return `${lines.join("\n")}\n`;
}

function unusualText(u: Unusual): string {
  switch (u.kind) {
    case "denial-burst":
      return `${u.count} refusals from ${u.by} ${u.who} between ${u.from} and ${u.to}`;
    case "new-address":
      return `${u.actor} first seen from ${u.clientAddress} at ${u.firstSeen}`;
    case "outside-hours":
      return `${u.actor} active outside working hours ${u.count} times (${u.first} to ${u.last})`;
  }
}

async function sign(
  store: Store,
  key: Awaited<ReturnType<typeof currentSigningKey>>,
  origin: { actor: string },
) {
  try {
    return await signNewCheckpoint(store.db, store.clock, key, origin);
  } catch (error) {
    if (error instanceof AuditIntegrityError) {
      return { signed: false, reason: error.message } as const;
    }
    throw error;
  }
}

function report(
  io: CliIo,
  outcome: SignOutcome | { signed: false; reason: string },
  json: boolean | undefined,
): ExitCode {
  if (json) {
    printJson(
      io,
      outcome.signed
        ? {
            signed: true,
            size: outcome.checkpoint.size,
            root: outcome.checkpoint.root.toString("base64"),
            keyName: outcome.checkpoint.keyName,
            note: outcome.checkpoint.note,
          }
        : { signed: false, reason: outcome.reason },
    );
  } else if (outcome.signed) io.out(outcome.checkpoint.note);
  else io.err(`Refused to sign: ${outcome.reason}\n`);
  return outcome.signed ? 0 : 1;
}

function trustedKey(text: string, index: number): PublicKeyInfo {
  const key = parseVerifierKey(text);
  if (!key)
    throw new InputError(
      { path: `--key[${index}]` },
      "a verifier key name+hex key id+base64(0x01 || Ed25519 key)",
    );
  return key;
}

/** The size and root of an earlier checkpoint, from its note or from a bundle that holds one. */
async function earlierCheckpoint(file: string) {
  const text = await readTextFile(file);
  const fromBundle = text
    .split("\n")
    .map((line) => {
      try {
        return JSON.parse(line) as { type?: unknown; note?: unknown };
      } catch {
        return undefined;
      }
    })
    .find((record) => record?.type === "checkpoint" && typeof record.note === "string");
  const note = parseSignedNote(typeof fromBundle?.note === "string" ? fromBundle.note : text);
  if (!note) throw new InputError({ file }, "a signed checkpoint note, or a bundle holding one");
  return { size: note.checkpoint.size, root: note.checkpoint.root };
}
