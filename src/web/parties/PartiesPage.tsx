import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { ApiError, seg, send } from "../api/client.js";
import type { Json } from "../api/workspace.js";
import type { PartySummary } from "../obligations/api.js";
import { useParty } from "../session/party.js";
import { type Column, DataTable } from "../ui/DataTable.js";
import { Section } from "../ui/Section.js";
import { ActionResult, useAction } from "../ui/use-action.js";
import { PolicyEditor } from "./PolicyEditor.js";

/** A profile file's text as data: YAML (which also reads JSON), parsed in this page's chunk only. */
async function parseProfileText(text: string): Promise<Json> {
  const { parse } = await import("yaml");
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new ApiError(
      400,
      "invalid_input",
      `the profile is not valid YAML or JSON (${(error as Error).message})`,
    );
  }
  if (
    value === null ||
    typeof value !== "object" ||
    Array.isArray(value) ||
    typeof (value as Json).id !== "string"
  ) {
    throw new ApiError(
      400,
      "invalid_input",
      "a party profile: a mapping with an id, a name, a kind and roles",
      {
        path: "id",
      },
    );
  }
  return value as Json;
}

const partyColumns: readonly Column<PartySummary>[] = [
  {
    header: "Party",
    cell: (p) => (
      <>
        {p.name} <span className="clause-id">{p.id}</span>
      </>
    ),
    sort: (p) => p.name,
  },
  { header: "Kind", cell: (p) => p.kind, sort: (p) => p.kind },
  { header: "Roles", cell: (p) => p.roles.join(", ") },
  {
    header: "Obligations",
    cell: (p) => <a href={`#/obligations?party=${encodeURIComponent(p.id)}`}>Why duties apply</a>,
  },
];

/** Parties: the profiles stored in the workspace, and importing or updating one. */
export function PartiesPage(): ReactNode {
  useEffect(() => {
    document.title = "Parties · secg";
  }, []);
  const { parties, party, choose, reload } = useParty();
  const chosen = parties.find((p) => p.id === party);
  const [text, setText] = useState("");
  const [outcome, run] = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const profile = await parseProfileText(text);
      const id = profile.id as string;
      const result = await send<{ outcome: string }>("PUT", `/api/parties/${seg(id)}`, profile);
      reload();
      choose(id);
      return `Party ${id} ${result.outcome}. It is now the party the other pages show.`;
    });
  };

  return (
    <>
      <h1>Parties</h1>
      <p className="lede">
        The parties whose Section G duties this workspace follows, each described by its profile, and the
        security policy of the party chosen in the header.
      </p>
      <Section title="Stored parties" className="panel">
        <DataTable
          rows={parties}
          columns={partyColumns}
          rowKey={(p) => p.id}
          caption="Stored parties"
          empty="No party is stored yet: import a profile below."
        />
      </Section>
      {chosen && <PolicyEditor key={chosen.id} party={chosen.id} partyName={chosen.name} />}
      <Section title="Import a profile" className="panel">
        <p className="hint">
          Choose a profile file (YAML or JSON, as for <code>secg party import</code>) or paste it. A profile
          with the id of a stored party updates it.
        </p>
        <form className="stacked" onSubmit={submit}>
          <div className="field">
            <label htmlFor="profile-file">Profile file</label>
            <input
              id="profile-file"
              type="file"
              accept=".yaml,.yml,.json"
              onChange={(e) => void e.target.files?.[0]?.text().then(setText)}
            />
          </div>
          <div className="field">
            <label htmlFor="profile-text">Profile</label>
            <textarea
              id="profile-text"
              rows={12}
              spellCheck={false}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <button type="submit" className="primary" disabled={outcome.busy || text.trim() === ""}>
            Import the profile
          </button>
        </form>
        <ActionResult state={outcome} />
      </Section>
    </>
  );
}
