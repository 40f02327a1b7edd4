import { writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { type Command, Option } from "commander";
import { z } from "zod";
import { InputError } from "../common/input-error.js";
import { parseStructured } from "../common/structured-input.js";
import { RoleRefused } from "../obligations/workflows/machine.js";
import { workflowCategories, workflowKinds } from "../obligations/workflows/types.js";
import { type WorkspaceRole, workspaceRoles } from "../workspace/access/principal.js";
import { defaultDataDir } from "../workspace/data-dir.js";
import type { Store } from "../workspace/store.js";
import type { Actor, StoredWorkflow, WorkflowSummary } from "../workspace/workflows/workflows.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";
import { withExistingStore, withStore } from "./store-options.js";

type Common = { party: string; data: string; json?: boolean };
type Acting = Common & { as: WorkspaceRole };

const dataOption = ["--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)"] as const;
const partyOption = ["--party <id>", "the party whose workspace holds the assessment"] as const;
// The CLI's actor holds the data folder, so it could act in any role: it must say which one it uses.
const asOption = () =>
  new Option("--as <role>", "the workspace role you act in").choices(workspaceRoles).makeOptionMandatory();

function actor(role: WorkspaceRole): Actor {
  return { origin: { actor: `cli:${userInfo().username}` }, roles: [role] };
}

/** The store's refusals that are not InputErrors, read as bad command-line input (exit 2). */
async function refusalsAsInput<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    const { StaleVersion, UnknownParty } = await import("../workspace/workflows/workflows.js");
    const path =
      error instanceof RoleRefused
        ? "--as"
        : error instanceof StaleVersion
          ? "--at-version"
          : error instanceof UnknownParty
            ? "--party"
            : undefined;
    if (path === undefined) throw error;
    throw new InputError({ path }, (error as Error).message);
  }
}

async function workflowsIn(store: Store) {
  const { workflowsOf } = await import("../workspace/workflows/workflows.js");
  return workflowsOf(store.db, store.clock);
}

function line(w: WorkflowSummary): string {
  return `${w.id}  ${w.kind}/${w.category}  ${w.state}  v${w.version}${w.scheduledFor ? `  scheduled ${w.scheduledFor}` : ""}`;
}

function describe(w: StoredWorkflow): string {
  const steps = w.steps.map(
    (s) => `  v${s.version} ${s.on} ${s.transition} → ${s.to} (${s.clause}; ${s.actor} as ${s.role})`,
  );
  const next = w.allowedTransitions.map(
    (t) => `  ${t.name} (${t.clause}; ${t.roles.join(" or ")}): ${t.summary}`,
  );
  return [line(w), "steps:", ...steps, next.length ? "allowed now:" : "finished", ...next].join("\n");
}

/** `secg assessment create|list|show|transition|response`: assessment workflows in the workspace store. */
export function registerAssessmentCommands(program: Command, io: CliIo, run: Run): void {
  const assessment = program
    .command("assessment")
    .description("assessment workflows in the workspace store (G8, G9, G12)");
  const show = (w: StoredWorkflow, json?: boolean) => (json ? printJson(io, w) : io.out(`${describe(w)}\n`));

  assessment
    .command("create")
    .description("start an assessment workflow for a party")
    .requiredOption(...partyOption)
    .addOption(
      new Option("--kind <kind>", "user, entry (initial Full, G8.33), triage-entry (G12.6) or dcc")
        .choices(workflowKinds)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option("--category <category>", "for a user assessment (G8.15)").choices(workflowCategories),
    )
    .option("--scheduled-for <date>", "the day booked with the assessor")
    .addOption(asOption())
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(
        async (
          opts: Acting & { kind: string; category?: string; scheduledFor?: string },
        ): Promise<ExitCode> => {
          const body = {
            kind: opts.kind,
            ...(opts.category === undefined ? {} : { category: opts.category }),
            ...(opts.scheduledFor === undefined ? {} : { scheduledFor: opts.scheduledFor }),
          };
          const created = await withStore(opts.data, async (store) =>
            refusalsAsInput(async () => (await workflowsIn(store)).create(opts.party, body, actor(opts.as))),
          );
          show(created, opts.json);
          return 0;
        },
      ),
    );

  assessment
    .command("list")
    .description("list a party's assessments, newest first")
    .requiredOption(...partyOption)
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (opts: Common): Promise<ExitCode> => {
        const list = await withExistingStore(opts.data, async (store) =>
          (await workflowsIn(store)).list(opts.party),
        );
        if (opts.json) printJson(io, { assessments: list });
        else if (list.length === 0)
          io.out(`No assessments for ${opts.party} yet (secg assessment create).\n`);
        else for (const w of list) io.out(`${line(w)}\n`);
        return 0;
      }),
    );

  assessment
    .command("show")
    .description("one assessment with its steps and the transitions allowed now")
    .argument("<id>", "the assessment id")
    .requiredOption(...partyOption)
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (id: string, opts: Common): Promise<ExitCode> => {
        const found = await withExistingStore(opts.data, async (store) =>
          (await workflowsIn(store)).get(opts.party, id),
        );
        if (!found) throw new InputError({ path: "<id>" }, `an assessment of ${opts.party} (no ${id})`);
        show(found, opts.json);
        return 0;
      }),
    );

  assessment
    .command("transition")
    .description("make a step; --at-version is the version you saw (a newer one refuses the step)")
    .argument("<id>", "the assessment id")
    .argument("<transition>", "the step, e.g. submit-report")
    .requiredOption(...partyOption)
    .requiredOption("--at-version <n>", "the assessment's current version", (v) => Number(v))
    .option("--payload <file>", "the step's payload (YAML or JSON)")
    .addOption(asOption())
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(
        async (
          id: string,
          transition: string,
          opts: Acting & { atVersion: number; payload?: string },
        ): Promise<ExitCode> => {
          if (!Number.isInteger(opts.atVersion) || opts.atVersion < 1) {
            throw new InputError({ path: "--at-version" }, "a whole number from 1");
          }
          const payload =
            opts.payload === undefined
              ? {}
              : parseStructured(
                  await readTextFile(opts.payload),
                  opts.payload,
                  z.record(z.string(), z.unknown()),
                );
          const moved = await withExistingStore(opts.data, async (store) =>
            refusalsAsInput(async () =>
              (await workflowsIn(store)).transition(
                opts.party,
                id,
                { transition, version: opts.atVersion, payload },
                actor(opts.as),
              ),
            ),
          );
          if (!moved) throw new InputError({ path: "<id>" }, `an assessment of ${opts.party} (no ${id})`);
          show(moved, opts.json);
          return 0;
        },
      ),
    );

  assessment
    .command("response")
    .description("write the Security Assessment Response (G8.24, G9.21) as Markdown or PDF")
    .argument("<id>", "the assessment id")
    .requiredOption(...partyOption)
    .addOption(new Option("--format <format>", "md or pdf").choices(["md", "pdf"]).default("md"))
    .requiredOption("--out <file>", "where to write it")
    .option(...dataOption, defaultDataDir)
    .action(
      run(async (id: string, opts: Common & { format: "md" | "pdf"; out: string }): Promise<ExitCode> => {
        const document = await withExistingStore(opts.data, async (store) => {
          const { partiesOf } = await import("../workspace/parties.js");
          const [found, party] = await Promise.all([
            (await workflowsIn(store)).get(opts.party, id),
            partiesOf(store.db, store.clock).get(opts.party),
          ]);
          if (!found || !party)
            throw new InputError({ path: "<id>" }, `an assessment of ${opts.party} (no ${id})`);
          const source = { party: { id: party.id, name: party.name }, workflow: found };
          const { NoResponseYet } = await import("../workspace/documents/response-content.js");
          try {
            if (opts.format === "md") {
              const { responseMarkdown } = await import("../workspace/documents/response-markdown.js");
              return responseMarkdown(source);
            }
            const { responsePdf } = await import("../workspace/documents/response-pdf.js");
            return await responsePdf(source);
          } catch (error) {
            if (error instanceof NoResponseYet)
              throw new InputError({ path: "<id>" }, `an assessment with a response (${error.message})`);
            throw error;
          }
        });
        await writeFile(opts.out, document);
        io.out(`Wrote ${opts.out}\n`);
        return 0;
      }),
    );
}
