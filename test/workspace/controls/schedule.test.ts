import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { InputError } from "../../../src/common/input-error.js";
import { controlRunsOf } from "../../../src/workspace/controls/runs.js";
import { parseSchedule, type Schedule, schedulerOf, startSchedule } from "../../../src/workspace/schedule.js";
import { backends, freshStore, rowsOf, type TestStore } from "../backends.js";
import { approved, baseline, inventory, storeParties } from "./support.js";

describe("schedule files", () => {
  const schedule = (jobs: string) => `jobs:\n${jobs}`;

  it("reads jobs, names them by party, control and system, and resolves paths beside the file", () => {
    const parsed = parseSchedule(
      schedule(
        "  - {control: drift, party: p, system: web-1, everyMinutes: 60, baseline: b.yaml, observed: collect}\n" +
          "  - {id: ntp, control: time, party: dcc, everyMinutes: 5, sources: /etc/secg/time.yaml}\n",
      ),
      "/srv/secg/schedule.yaml",
    );
    expect(parsed.leaseMinutes).toBe(30);
    expect(parsed.jobs).toMatchObject([
      { id: "p/drift/web-1", baseline: "/srv/secg/b.yaml", observed: "collect" },
      { id: "ntp", sources: "/etc/secg/time.yaml" },
    ]);
  });

  it("reads back any schedule it is given, and refuses any other text only with an InputError", () => {
    const id = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,12}$/);
    const job = fc.record({
      party: id,
      system: id,
      everyMinutes: fc.integer({ min: 1, max: 10_080 }),
      control: fc.constantFrom("drift", "time"),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(job, { selector: (j) => `${j.party}/${j.system}`, minLength: 1, maxLength: 8 }),
        (jobs) => {
          const text = stringify({
            jobs: jobs.map((j) =>
              j.control === "drift"
                ? { ...j, baseline: `${j.system}.yaml`, observed: "collect" }
                : { ...j, sources: "time.yaml" },
            ),
          });
          const parsed = parseSchedule(text, "/etc/secg/schedule.yaml");
          expect(parsed.jobs.map((j) => [j.id, j.everyMinutes])).toEqual(
            jobs.map((j) => [`${j.party}/${j.control}/${j.system}`, j.everyMinutes]),
          );
        },
      ),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseSchedule(text, "s.yaml");
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
    );
  });

  it("refuses a bad job with its line and key path", () => {
    expect(() =>
      parseSchedule(
        schedule("  - {control: drift, party: p, everyMinutes: 0, baseline: b, observed: collect}\n"),
        "s.yaml",
      ),
    ).toThrow(/^s\.yaml:2 at jobs\[0\]\.everyMinutes: expected/);
    expect(() =>
      parseSchedule(
        schedule("  - {control: ports, party: p, everyMinutes: 5, allowlist: a.yaml}\n"),
        "s.yaml",
      ),
    ).toThrow(/observed or attempts/);
    expect(() =>
      parseSchedule(
        schedule(
          "  - {control: time, party: p, everyMinutes: 5, sources: t}\n  - {control: time, party: p, everyMinutes: 9, sources: u}\n",
        ),
        "s.yaml",
      ),
    ).toThrow(/jobs\[1\]\.id: expected a unique job id \("p\/time\/-" repeats\)/);
  });
});

describe.each(backends)("the schedule on $kind", (backend) => {
  describe.runIf(backend.available)("", () => {
    let store: TestStore;
    let folder: string;
    let now: number;
    const clock = { now: () => new Date(now), source: "test-manual" };
    const minutes = (n: number) => {
      now += n * 60_000;
    };

    beforeEach(async () => {
      now = Date.parse("2025-06-02T09:00:00Z");
      store = await freshStore(backend, { clock });
      await storeParties(store);
      folder = await mkdtemp(join(tmpdir(), "secg-schedule-"));
      await writeFile(join(folder, "baseline.yaml"), baseline().text);
      await writeFile(join(folder, "inventory.json"), inventory({ ...approved, netcat: "1.10" }).text);
    });
    afterEach(async () => {
      await store.dispose();
      await rm(folder, { recursive: true, force: true });
    });

    const driftJob = (observed = "[inventory.json]"): Schedule =>
      parseSchedule(
        `jobs:\n  - {control: drift, party: small-supplier, system: web-1, everyMinutes: 10, baseline: baseline.yaml, observed: ${observed}}\n`,
        join(folder, "schedule.yaml"),
      );

    it("runs a due job once across two servers, and again only when it is next due", async () => {
      // G3.1(a): drift is looked for on a schedule, not only when someone remembers.
      const schedule = driftJob();
      const a = schedulerOf({ db: store.db, clock, schedule, holder: "server-a" });
      // On PostgreSQL the two ticks run at once on two connections of the pool, as two servers would.
      const b = schedulerOf({ db: store.db, clock, schedule, holder: "server-b" });
      const ran = await Promise.all([a.tick(), b.tick()]);
      expect(ran.flat()).toEqual(["small-supplier/drift/web-1"]);
      const runs = controlRunsOf(store.db, clock);
      expect(await runs.list("small-supplier")).toMatchObject([
        { control: "drift", system: "web-1", status: "findings" },
      ]);

      minutes(9);
      expect([...(await a.tick()), ...(await b.tick())]).toEqual([]);
      minutes(1);
      expect((await Promise.all([b.tick(), a.tick()])).flat()).toEqual(["small-supplier/drift/web-1"]);
      expect(await runs.list("small-supplier")).toHaveLength(2);
      const [lease] = await rowsOf<{ holder: string | null }>(store, sql`select holder from schedule_leases`);
      expect(lease?.holder).toBeNull();
    });

    it("leaves a job held by a server that died until its lease expires, then another takes it", async () => {
      const schedule = driftJob();
      await store.db.execute(
        sql`insert into schedule_leases (job, next_due, holder, lease_until)
            values ('small-supplier/drift/web-1', ${new Date(now - 60_000)}, 'dead-server', ${new Date(now + 60_000)})`,
      );
      const b = schedulerOf({ db: store.db, clock, schedule, holder: "server-b" });
      expect(await b.tick()).toEqual([]);
      minutes(2);
      expect(await b.tick()).toEqual(["small-supplier/drift/web-1"]);
    });

    it("starts from a schedule file at once, and stopping waits for the run in progress", async () => {
      // What `secg serve --schedule FILE` does: the first check is made on start, not a period later.
      const file = join(folder, "schedule.yaml");
      await writeFile(
        file,
        "jobs:\n  - {control: drift, party: small-supplier, everyMinutes: 60, baseline: baseline.yaml, observed: [inventory.json]}\n",
      );
      const running = await startSchedule({ db: store.db, clock, file, checkEverySeconds: 3600 });
      await running.stop();
      expect(await controlRunsOf(store.db, clock).list("small-supplier")).toMatchObject([
        { status: "findings" },
      ]);
      await expect(startSchedule({ db: store.db, clock, file: join(folder, "none.yaml") })).rejects.toThrow(
        /none\.yaml: expected a readable schedule \(ENOENT\)/,
      );
    });

    it("stores a job whose input cannot be read as an error run", async () => {
      const schedule = driftJob("[missing.json]");
      await schedulerOf({ db: store.db, clock, schedule }).tick();
      const [run] = await controlRunsOf(store.db, clock).list("small-supplier");
      expect(run).toMatchObject({
        status: "error",
        result: { error: expect.stringMatching(/missing\.json: expected a readable file \(ENOENT\)/) },
      });
    });
  });
});
