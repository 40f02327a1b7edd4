import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { App } from "../../src/api/app.js";
import { buildServer } from "../../src/api/server.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { sessionHeaders } from "../support/api-session.js";
import { repoRoot } from "../support/shared.js";
import { embedded, type Provisioned, rowsOf } from "../workspace/backends.js";

const noWebRoot = join(tmpdir(), "secg-no-web-root-here");
const profile = async (name: string) =>
  parse(await readFile(join(repoRoot, "test/fixtures/profiles", `${name}.yaml`), "utf8")) as Record<
    string,
    unknown
  >;

describe("parties and obligations API", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;
  // The owner of every party: creating parties is theirs alone.
  let owner: Record<string, string>;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    app = await buildServer({ store, webRoot: noWebRoot });
    owner = await sessionHeaders(app, store, [{ party: "*", role: "owner" }], "olivia");
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  const request = async (
    method: "GET" | "PUT" | "POST",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = owner,
  ) => {
    const response = await app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, body: response.json() };
  };

  it("stores a party with PUT (201, then 200 unchanged) and audits it as the signed-in user", async () => {
    // G2.6(a): the change and its record are written together.
    const created = await request("PUT", "/api/parties/srp-one", await profile("srp-one"));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ outcome: "created", party: { id: "srp-one" } });
    const again = await request("PUT", "/api/parties/srp-one", await profile("srp-one"));
    expect(again).toMatchObject({ status: 200, body: { outcome: "unchanged" } });
    expect((await request("PUT", "/api/parties/srp-supplier", await profile("srp-supplier"))).status).toBe(
      201,
    );

    const rows = await rowsOf<{ entry: string }>(
      store,
      sql`select entry from audit_entries where entry::jsonb ->> 'action' like 'party.%' order by seq`,
    );
    expect(rows.map((r) => JSON.parse(r.entry))).toMatchObject([
      { action: "party.create", target: "party:srp-one", actor: "user:olivia" },
      { action: "party.create", target: "party:srp-supplier", actor: "user:olivia" },
    ]);
    const list = await request("GET", "/api/parties");
    expect(list.body.parties.map((p: { id: string }) => p.id)).toEqual(["srp-one", "srp-supplier"]);
    expect((await request("GET", "/api/parties/srp-one")).body.profile.roles[0].role).toBe(
      "shared-resource-provider",
    );
  });

  it("lets a party's security officer update it but create no party, and shows them only their party", async () => {
    // G2.6(c): a role in one party's workspace reaches no further.
    await request("PUT", "/api/parties/srp-one", await profile("srp-one"));
    await request("PUT", "/api/parties/srp-supplier", await profile("srp-supplier"));
    const officer = await sessionHeaders(app, store, [{ party: "srp-one", role: "security-officer" }]);
    const renamed = { ...(await profile("srp-one")), name: "SRP One, renamed" };
    expect((await request("PUT", "/api/parties/srp-one", renamed, officer)).status).toBe(200);
    const created = await request(
      "PUT",
      "/api/parties/large-supplier",
      await profile("large-supplier"),
      officer,
    );
    expect(created).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect((await request("GET", "/api/parties/large-supplier", undefined, owner)).status).toBe(404);
    expect(
      (await request("PUT", "/api/parties/srp-supplier", await profile("srp-supplier"), officer)).status,
    ).toBe(403);
    const list = await request("GET", "/api/parties", undefined, officer);
    expect(list.body.parties.map((p: { id: string }) => p.id)).toEqual(["srp-one"]);
    await request("PUT", "/api/parties/srp-one", await profile("srp-one"));
  });

  it("refuses a bad profile with 400 and the key path, as the CLI does", async () => {
    const bad = { ...(await profile("srp-one")), roles: [{ role: "importer" }] };
    const response = await request("PUT", "/api/parties/srp-one", bad);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "invalid_input", path: "roles[0].role" });
    expect(response.body.error.message).toMatch(/^at roles\[0\]\.role: expected one of "import-supplier"/);

    const typo = { ...(await profile("srp-one")), rolez: [] };
    expect((await request("PUT", "/api/parties/srp-one", typo)).body.error.path).toBe("rolez");

    const elsewhere = await request("PUT", "/api/parties/other", await profile("srp-one"));
    expect(elsewhere).toMatchObject({ status: 400, body: { error: { path: "id" } } });
    expect((await request("GET", "/api/parties/nobody")).status).toBe(404);
  });

  it("answers a stored party's obligations with stored peers, and the diff between two dates", async () => {
    // G10.5: the provider carries duties in its own role; G3.20 changed with DP087.
    const answer = await request("GET", "/api/parties/srp-one/obligations?on=2025-01-01");
    expect(answer.status).toBe(200);
    expect(answer.body.codeVersion.label).toBe("sec-current");
    expect(answer.body.roles[0].role).toBe("shared-resource-provider");
    expect(answer.body.roles[0].obligations.length).toBeGreaterThan(0);

    const diff = await request(
      "GET",
      "/api/parties/srp-supplier/obligations/diff?from=2022-01-01&to=2022-07-01",
    );
    expect(diff.status).toBe(200);
    expect(diff.body.roles[0].changed).toMatchObject([{ id: "G3.20", entryChanged: true }]);

    const early = await request("GET", "/api/parties/srp-one/obligations?on=2001-01-01");
    expect(early).toMatchObject({ status: 400, body: { error: { path: "on" } } });
    const backwards = await request(
      "GET",
      "/api/parties/srp-one/obligations/diff?from=2025-01-01&to=2024-01-01",
    );
    expect(backwards).toMatchObject({ status: 400, body: { error: { path: "to" } } });
  });

  it("evaluates a profile sent in the body, naming bad fields under profile", async () => {
    // G1.5: duties apply separately in each User Role.
    const ok = await request("POST", "/api/obligations/evaluate", {
      profile: await profile("large-supplier"),
      on: "2025-01-01",
    });
    expect(ok.status).toBe(200);
    expect(ok.body.roles.map((r: { role: string }) => r.role)).toEqual([
      "import-supplier",
      "gas-supplier",
      "export-supplier",
    ]);
    const bad = await request("POST", "/api/obligations/evaluate", {
      profile: { ...(await profile("large-supplier")), premises: { domestic: -1 } },
      on: "2025-01-01",
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { path: "profile.premises.domestic" } } });
    const peer = await request("POST", "/api/obligations/evaluate", {
      profile: await profile("srp-supplier"),
      peers: [{ id: "srp-one" }],
    });
    expect(peer.body.error.path).toBe("peers[0].name");
  });

  it("lists the catalogue under a version, filtered by part, kind, area and trigger", async () => {
    // G3.20: the DP087 correction is a new entry from sec-dp087.
    const g3 = await request("GET", "/api/catalogue?version=sec-dp087&part=g3&kind=duty");
    expect(g3.status).toBe(200);
    expect(g3.body.version.label).toBe("sec-dp087");
    expect(
      g3.body.entries.every((e: { part: string; kind: string }) => e.part === "G3" && e.kind === "duty"),
    ).toBe(true);
    expect(g3.body.entries.find((e: { clause: string }) => e.clause === "G3.20").since).toBe("sec-dp087");

    const periodic = await request("GET", "/api/catalogue?on=2025-01-01&trigger=periodic&area=assurance");
    expect(periodic.body.entries.length).toBeGreaterThan(0);
    for (const entry of periodic.body.entries)
      expect(entry).toMatchObject({ area: "assurance", trigger: { kind: "periodic" } });

    expect((await request("GET", "/api/catalogue?version=nope")).body.error.path).toBe("version");
    expect((await request("GET", "/api/catalogue?area=weather")).body.error.path).toBe("area");
  });

  it("documents every new route in the OpenAPI document", async () => {
    const { paths } = (await request("GET", "/api/openapi.json")).body;
    for (const path of [
      "/api/parties",
      "/api/parties/{party}",
      "/api/parties/{party}/obligations",
      "/api/parties/{party}/obligations/diff",
      "/api/obligations/evaluate",
      "/api/catalogue",
    ]) {
      expect(paths).toHaveProperty([path]);
    }
  });
});
