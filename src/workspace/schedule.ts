/**
 * Controls run by the server on intervals. A schedule file names each job: the control, the
 * party and system it is for, how often, and its inputs (files, or `collect` for this machine).
 * Several servers may share one database and one schedule: each due job is claimed by a single
 * conditional UPDATE of its lease row (schedule_leases), which moves the job's next due time on as
 * it claims, so exactly one server runs it; the lease's expiry lets another server take over the
 * job if its holder died while running it.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, resolve } from "node:path";
import { and, eq, isNull, lt, lte, or } from "drizzle-orm";
import { z } from "zod";
import { InputError } from "../common/input-error.js";
import { parseStructured, refuseRepeatedIds } from "../common/structured-input.js";
import type { Clock } from "./clock.js";
import type { InputDocument, Observed, RunRequest } from "./controls/execute.js";
import { type ControlRuns, controlRunsOf, type PendingRequest } from "./controls/runs.js";
import { scheduleLeases } from "./controls/tables.js";
import type { Database } from "./database.js";

const file = z.string().min(1);
const observed = z.union([z.literal("collect"), z.array(file).min(1)]);
const common = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9._/-]+$/, "letters, digits and . _ / -")
    .optional(),
  party: z.string().min(1),
  system: z.string().min(1).optional(),
  everyMinutes: z.number().positive(),
};

const jobSchema = z
  .discriminatedUnion("control", [
    z.strictObject({ control: z.literal("drift"), ...common, baseline: file.optional(), observed }),
    z.strictObject({
      control: z.literal("ports"),
      ...common,
      allowlist: file.optional(),
      observed: observed.optional(),
      attempts: file.optional(),
    }),
    z.strictObject({ control: z.literal("time"), ...common, sources: file }),
  ])
  .refine((job) => job.control !== "ports" || job.observed !== undefined || job.attempts !== undefined, {
    message: "observed or attempts (something for the ports control to check)",
  })
  // Without a file, the baseline or allowlist is the system's in the party's registers.
  .refine(
    (job) =>
      job.system !== undefined ||
      (job.control === "drift"
        ? job.baseline !== undefined
        : job.control !== "ports" || job.allowlist !== undefined),
    { message: "a system (whose baseline or allowlist the registers hold), or a baseline or allowlist file" },
  )
  .transform((job) => ({ ...job, id: job.id ?? `${job.party}/${job.control}/${job.system ?? "-"}` }));

const scheduleSchema = z
  .strictObject({
    /** How long a server may hold a job it is running before another may take it over. */
    leaseMinutes: z.number().positive().default(30),
    jobs: z.array(jobSchema).min(1),
  })
  .superRefine((schedule, ctx) => refuseRepeatedIds(ctx, "jobs", schedule.jobs, "job"));

export type Schedule = z.output<typeof scheduleSchema>;
type ObservedPaths = z.output<typeof observed>;
export type ScheduledJob = Schedule["jobs"][number];

/** Reads a schedule; input paths are taken relative to the schedule file's folder. */
export function parseSchedule(text: string, path: string): Schedule {
  const schedule = parseStructured(text, path, scheduleSchema);
  const base = dirname(path);
  const at = (p: string) => resolve(base, p);
  const atAll = (o: ObservedPaths): ObservedPaths => (o === "collect" ? o : o.map(at));
  return {
    ...schedule,
    jobs: schedule.jobs.map((job): ScheduledJob => {
      if (job.control === "drift")
        return {
          ...job,
          ...(job.baseline === undefined ? {} : { baseline: at(job.baseline) }),
          observed: atAll(job.observed),
        };
      if (job.control === "ports")
        return {
          ...job,
          ...(job.allowlist === undefined ? {} : { allowlist: at(job.allowlist) }),
          ...(job.observed === undefined ? {} : { observed: atAll(job.observed) }),
          ...(job.attempts === undefined ? {} : { attempts: at(job.attempts) }),
        };
      return { ...job, sources: at(job.sources) };
    }),
  };
}

export type SchedulerOptions = {
  readonly db: Database;
  readonly clock: Clock;
  readonly schedule: Schedule;
  /** This server's name in the lease rows (default host name and a random suffix). */
  readonly holder?: string;
  readonly log?: { readonly info: (message: string) => void; readonly error: (message: string) => void };
};

export type Scheduler = {
  /** Claims and runs every job that is due now; answers the ids of the jobs this server ran. */
  readonly tick: () => Promise<string[]>;
};

export function schedulerOf(options: SchedulerOptions): Scheduler {
  const { db, clock, schedule } = options;
  const holder = options.holder ?? `${hostname()}:${randomUUID().slice(0, 8)}`;
  const runs = controlRunsOf(db, clock);
  const leaseMs = schedule.leaseMinutes * 60_000;
  return {
    tick: async () => {
      const ran: string[] = [];
      for (const job of schedule.jobs) {
        if (!(await claim(db, clock.now(), job, holder, leaseMs))) continue;
        try {
          const run = await runJob(runs, job, holder);
          options.log?.info(`schedule: ${job.id} ran (${run.status}, run ${run.id})`);
        } catch (error) {
          // The run could not even be stored (e.g. the party is not in the workspace): say so, go on.
          options.log?.error(`schedule: ${job.id} failed: ${(error as Error).message}`);
        } finally {
          await release(db, clock.now(), job.id, holder);
        }
        ran.push(job.id);
      }
      return ran;
    },
  };
}

async function claim(
  db: Database,
  now: Date,
  job: ScheduledJob,
  holder: string,
  leaseMs: number,
): Promise<boolean> {
  await db.insert(scheduleLeases).values({ job: job.id, nextDue: now }).onConflictDoNothing();
  const claimed = await db
    .update(scheduleLeases)
    .set({
      holder,
      leaseUntil: new Date(now.getTime() + leaseMs),
      lastStartedAt: now,
      nextDue: new Date(now.getTime() + job.everyMinutes * 60_000),
    })
    .where(
      and(
        eq(scheduleLeases.job, job.id),
        lte(scheduleLeases.nextDue, now),
        or(isNull(scheduleLeases.leaseUntil), lt(scheduleLeases.leaseUntil, now)),
      ),
    )
    .returning({ job: scheduleLeases.job });
  return claimed.length === 1;
}

async function release(db: Database, now: Date, job: string, holder: string): Promise<void> {
  await db
    .update(scheduleLeases)
    .set({ holder: null, leaseUntil: null, lastFinishedAt: now })
    .where(and(eq(scheduleLeases.job, job), eq(scheduleLeases.holder, holder)));
}

function runJob(runs: ControlRuns, job: ScheduledJob, holder: string) {
  const pending: PendingRequest = { control: job.control, load: () => requestOf(job) };
  return runs.run(job.party, pending, job.system === undefined ? {} : { system: job.system }, {
    actor: `schedule:${holder}`,
    requestId: `schedule:${job.id}`,
  });
}

/** The job's inputs, read afresh at every run so that an edited baseline takes effect. */
async function requestOf(job: ScheduledJob): Promise<RunRequest> {
  const observedOf = async (o: ObservedPaths): Promise<Observed> =>
    o === "collect" ? o : Promise.all(o.map(document));
  switch (job.control) {
    case "drift":
      return {
        control: "drift",
        ...(job.baseline === undefined ? {} : { baseline: await document(job.baseline) }),
        observed: await observedOf(job.observed),
      };
    case "ports":
      return {
        control: "ports",
        ...(job.allowlist === undefined ? {} : { allowlist: await document(job.allowlist) }),
        ...(job.observed === undefined ? {} : { observed: await observedOf(job.observed) }),
        ...(job.attempts === undefined ? {} : { attempts: await document(job.attempts) }),
      };
    case "time":
      return { control: "time", sources: await document(job.sources) };
  }
}

async function document(path: string): Promise<InputDocument> {
  try {
    return { name: path, text: await readFile(path, "utf8") };
  } catch (error) {
    throw new InputError({ file: path }, `a readable file (${(error as NodeJS.ErrnoException).code})`);
  }
}

export type RunningSchedule = { readonly stop: () => Promise<void> };

/**
 * Starts ticking every `checkEverySeconds` (default 30) until stopped; stopping waits for the
 * tick in progress, so the store is not closed under a running control.
 */
export async function startSchedule(
  options: Omit<SchedulerOptions, "schedule"> & {
    readonly file: string;
    readonly checkEverySeconds?: number;
  },
): Promise<RunningSchedule> {
  let text: string;
  try {
    text = await readFile(options.file, "utf8");
  } catch (error) {
    throw new InputError(
      { file: options.file },
      `a readable schedule (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  const schedule = parseSchedule(text, options.file);
  const scheduler = schedulerOf({ ...options, schedule });
  options.log?.info(`schedule: ${schedule.jobs.length} job(s) from ${options.file}`);
  let current: Promise<void> | undefined;
  // A tick still running when the next is due is left to finish; the next check picks up the rest.
  const tick = () => {
    current ??= scheduler
      .tick()
      .then(
        () => undefined,
        (error: unknown) => options.log?.error(`schedule: ${(error as Error).message}`),
      )
      .finally(() => {
        current = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, (options.checkEverySeconds ?? 30) * 1000);
  return {
    stop: async () => {
      clearInterval(timer);
      await current;
    },
  };
}
