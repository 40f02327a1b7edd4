import { type ReactNode, useEffect, useState } from "react";
import { describeError, upload } from "../api/client.js";
import { useResource } from "../api/use-resource.js";
import { type ImportOutcome, type Json, registerNames, registersApi } from "../api/workspace.js";
import { routeHref, type WorkspaceRoute } from "../routes.js";
import { NoPartyYet, useParty } from "../session/party.js";
import { DataTable } from "../ui/DataTable.js";
import { cellText } from "../ui/format.js";
import { ResourceView } from "../ui/ResourceView.js";
import { Section } from "../ui/Section.js";
import { EvidenceForm } from "./EvidenceForm.js";
import { columnsOf, problemLines } from "./table.js";

type RegistersRoute = Extract<WorkspaceRoute, { page: "registers" }>;

/** Registers: the party's systems, people, keys, incidents, evidence…, with CSV import and export. */
export function RegistersPage({ route }: { route: RegistersRoute }): ReactNode {
  useEffect(() => {
    document.title = "Registers · secg";
  }, []);
  const { party } = useParty();
  const register = (registerNames as readonly string[]).includes(route.register) ? route.register : "systems";
  return (
    <>
      <h1>Registers</h1>
      <p className="lede">What the party keeps on record for Section G: one tab per register.</p>
      {party ? <PartyRegisters party={party} register={register} /> : <NoPartyYet />}
    </>
  );
}

function PartyRegisters({ party, register }: { party: string; register: string }): ReactNode {
  const [counts, reloadCounts] = useResource(registersApi.counts(party));
  const [items, reloadItems] = useResource(registersApi.items(party, register));
  const countOf = (name: string) =>
    counts.status === "ok" ? counts.data.registers.find((r) => r.register === name)?.count : undefined;
  const changed = () => {
    reloadCounts();
    reloadItems();
  };
  return (
    <>
      <nav className="tabs" aria-label="Registers">
        <ul>
          {registerNames.map((name) => (
            <li key={name}>
              <a
                href={routeHref({ page: "registers", register: name })}
                aria-current={name === register ? "page" : undefined}
              >
                {name} {countOf(name) !== undefined && <span className="count">({countOf(name)})</span>}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="tab-panel">
        <ResourceView resource={items} what={`the ${register} register`} onRetry={reloadItems}>
          {({ items: records }) => (
            <DataTable
              rows={records}
              columns={columnsOf(records).map((column) => ({
                header: column,
                cell: (record: Json) => cellText(record[column]),
                sort: (record: Json) => cellText(record[column]),
              }))}
              rowKey={(record) => cellText(record.id)}
              caption={`${register} register`}
              empty={
                <>
                  The {register} register is empty. Import a CSV or JSON file below, or use{" "}
                  <code>
                    secg register import {register} FILE --party {party}
                  </code>
                  .
                </>
              }
            />
          )}
        </ResourceView>
        <div className="register-tools">
          <ImportForm party={party} register={register} onImported={changed} />
          <Section title="Export" className="panel">
            <p>
              <a href={registersApi.exportUrl(party, register, "csv")} download={`${party}-${register}.csv`}>
                Download {register} as CSV
              </a>
              <span className="action">
                <a
                  href={registersApi.exportUrl(party, register, "json")}
                  download={`${party}-${register}.json`}
                >
                  Download as JSON
                </a>
              </span>
            </p>
          </Section>
          {register === "evidence" && <EvidenceForm party={party} onSaved={changed} />}
        </div>
      </div>
    </>
  );
}

type ImportState =
  | { readonly phase: "idle" }
  | { readonly phase: "sending"; readonly sent: number }
  | { readonly phase: "done"; readonly outcome: ImportOutcome }
  | { readonly phase: "failed"; readonly problems: readonly string[] };

/** CSV or JSON import, all or nothing: the server checks every line before changing anything. */
function ImportForm({
  party,
  register,
  onImported,
}: {
  party: string;
  register: string;
  onImported: () => void;
}): ReactNode {
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<ImportState>({ phase: "idle" });
  const inputId = `import-${register}`;
  const start = async () => {
    if (!file) return;
    setState({ phase: "sending", sent: 0 });
    const json = file.name.toLowerCase().endsWith(".json");
    try {
      const outcome = await upload<ImportOutcome>(
        registersApi.importUrl(party, register),
        file,
        json ? "application/json" : "text/csv",
        (sent) => setState({ phase: "sending", sent }),
      );
      setState({ phase: "done", outcome });
      onImported();
    } catch (error) {
      setState({ phase: "failed", problems: problemLines(describeError(error)) });
    }
  };
  return (
    <Section title={`Import into ${register}`} className="panel">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>CSV or JSON file</label>
          <input
            id={inputId}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" disabled={!file || state.phase === "sending"}>
          Import
        </button>
      </form>
      <div aria-live="polite">
        {state.phase === "sending" && (
          <p role="status">
            <label>
              Sending {file?.name}… <progress value={state.sent} max={1} />
            </label>
          </p>
        )}
        {state.phase === "done" && (
          <p className="notice" role="status">
            Imported: {state.outcome.created} created, {state.outcome.updated} updated,{" "}
            {state.outcome.unchanged} unchanged.
          </p>
        )}
      </div>
      {state.phase === "failed" && (
        <div className="error" role="alert">
          <p>Nothing was imported; fix these and try again:</p>
          <ul>
            {state.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}
