import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inventedVersions, seedDemo, seedVersions } from "../../src/workspace/demo-data.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { seedFiles, sharedPath } from "../support/shared.js";
import { embedded, type Provisioned } from "./backends.js";

describe("demonstration data", () => {
  let provisioned: Provisioned;
  let store: Store;

  beforeEach(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
  });
  afterEach(async () => {
    await store.close();
    await provisioned.dispose();
  });

  it("loads the invented texts as two versions whose effects show a repeal, an insertion and DP087's kind of change", async () => {
    // G3.20: the later text limits the Communications Hub exclusion to SMETS2+ Devices.
    const results = await seedDemo(store.codeVersions, inventedVersions);
    expect(results.map(({ version, created, problems }) => [version.label, created, problems])).toEqual([
      ["demo-2021", true, []],
      ["demo-2023", true, []],
    ]);
    const effects = await store.codeVersions.effects();
    expect(effects.map(({ clauseId, kind }) => `${clauseId} ${kind}`)).toEqual([
      "G2.3 repealed",
      "G2.4A inserted",
      "G3.20 substituted",
    ]);
    const again = await seedDemo(store.codeVersions, inventedVersions);
    expect(again.map((result) => result.created)).toEqual([false, false]);
  });

  it.skipIf(!sharedPath(seedFiles.sectionG))(
    "loads the seed documents: the 2020 G2 draft and the whole of Section G",
    async () => {
      // G3.20 as corrected by DP087 is in the later seed.
      const [draft, current] = await seedDemo(store.codeVersions, seedVersions);
      expect(draft?.version).toMatchObject({ label: "sec-2020-03", inForce: "2020-03-31" });
      expect(current?.version).toMatchObject({
        label: "sec-current",
        inForce: "2024-11-01",
        clauseCount: 327,
      });
      const clause = await store.codeVersions.clauseOn("G3.20", "2024-11-01");
      expect(clause.found && clause.clause.text).toMatch(/SMETS2\+ Device/);
    },
  );
});
