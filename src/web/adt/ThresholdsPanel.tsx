import { type FormEvent, type ReactNode, useId, useState } from "react";
import type { CoverageFinding } from "../../controls/adt/coverage.js";
import { describeError } from "../api/client.js";
import { adtApi, type ThresholdsCheck } from "../api/workspace.js";
import { NoPartyYet, useParty } from "../session/party.js";
import { type Column, DataTable } from "../ui/DataTable.js";
import { Section } from "../ui/Section.js";
import { countBy } from "./counts.js";
import { type ThresholdRow, thresholdRows } from "./thresholds.js";

type CheckState =
  | { readonly phase: "idle" }
  | { readonly phase: "busy" }
  | { readonly phase: "done"; readonly file: string; readonly check: ThresholdsCheck }
  | { readonly phase: "failed"; readonly message: string };

/**
 * Checks a thresholds file before it is notified (G6.4(c)) or replayed: its thresholds per User ID
 * and SRV (as the G6.8 report lists them), what G6.3 and G6.4A require of the party's User IDs that
 * it leaves unset, and, for a signed file, whether its signature verifies (G6.6A).
 */
export function ThresholdsPanel(): ReactNode {
  const { party } = useParty();
  return (
    <Section title="Check a thresholds file" className="panel">
      <p className="hint">
        Before notifying thresholds or replaying traffic against them: the thresholds the file sets, what G6.3
        and G6.4A require of this party's User IDs that it leaves unset, and, for a file signed with{" "}
        <code>secg adt thresholds sign</code>, whether its signature verifies under the issuing User's key
        (G6.6A). Nothing is stored.
      </p>
      {party ? <ThresholdsForm party={party} /> : <NoPartyYet />}
    </Section>
  );
}

function ThresholdsForm({ party }: { party: string }): ReactNode {
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState<File | null>(null);
  const [lastSequence, setLastSequence] = useState("");
  const [state, setState] = useState<CheckState>({ phase: "idle" });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setState({ phase: "busy" });
    void (async () => {
      try {
        const check = await adtApi.checkThresholds(party, {
          thresholds: { name: file.name, text: await file.text() },
          ...(key ? { publicKey: await key.text() } : {}),
          ...(lastSequence.trim() === "" ? {} : { lastSequence: Number(lastSequence) }),
        });
        setState({ phase: "done", file: file.name, check });
      } catch (error) {
        setState({ phase: "failed", message: describeError(error) });
      }
    })();
  };

  return (
    <>
      <form className="replay-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${ids}-file`}>Thresholds file (plain or signed)</label>
          <input
            id={`${ids}-file`}
            type="file"
            accept=".yaml,.yml,.json,.signed"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-key`}>Issuing User's public key (PEM, for a signed file; optional)</label>
          <input
            id={`${ids}-key`}
            type="file"
            accept=".pem,.pub,.txt"
            onChange={(e) => setKey(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-sequence`}>Last sequence applied (optional)</label>
          <input
            id={`${ids}-sequence`}
            type="number"
            min={0}
            step={1}
            value={lastSequence}
            onChange={(e) => setLastSequence(e.target.value)}
          />
        </div>
        <div className="buttons">
          <button type="submit" disabled={!file || state.phase === "busy"}>
            Check the thresholds
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {state.phase === "busy" && (
          <p className="status" role="status">
            Checking the thresholds…
          </p>
        )}
        {state.phase === "failed" && (
          <p className="error" role="alert">
            {state.message}
          </p>
        )}
        {state.phase === "done" && <CheckOutcome file={state.file} check={state.check} />}
      </div>
      {state.phase === "idle" && (
        <p className="empty">
          No file checked yet. Choose a thresholds file, and for a signed one the issuing User's public key,
          then <strong>Check the thresholds</strong>.
        </p>
      )}
    </>
  );
}

const thresholdColumns = [
  { header: "Set by", cell: (r: ThresholdRow) => r.setBy, sort: (r: ThresholdRow) => r.setBy },
  { header: "SRV", cell: (r: ThresholdRow) => `${r.srv}${r.critical ? " (critical)" : ""}` },
  { header: "Name", cell: (r: ThresholdRow) => r.name },
  { header: "Counts", cell: (r: ThresholdRow) => r.counts },
  { header: "Warning", cell: (r: ThresholdRow) => r.warning, className: "number" },
  { header: "Quarantine", cell: (r: ThresholdRow) => r.quarantine, className: "number" },
  { header: "Period / limits", cell: (r: ThresholdRow) => r.periodOrLimits },
];

const coverageColumns: readonly Column<CoverageFinding>[] = [
  { header: "Clause", cell: (f) => <span className="clause-id">{f.clause}</span>, sort: (f) => f.clause },
  { header: "User ID", cell: (f) => f.userId, sort: (f) => f.userId },
  { header: "SRV", cell: (f) => f.srv },
  { header: "What is wrong", cell: (f) => f.message },
];

/** "80 under G6.3(a)(i), 16 under G6.3(a)(ii)": the findings counted per clause. */
function coverageTally(findings: readonly CoverageFinding[]): string {
  return countBy(findings, (f) => f.clause, findings.length)
    .map(({ label, value }) => `${value} under ${label}`)
    .join(", ");
}

function CheckOutcome({ file, check }: { file: string; check: ThresholdsCheck }): ReactNode {
  const { signature, coverage, report } = check;
  return (
    <>
      {signature === null ? (
        <p className="notice" role="status">
          {file} is not signed: a plain thresholds file. Sign it with <code>secg adt thresholds sign</code>{" "}
          before notifying it (G6.6A).
        </p>
      ) : signature.status === "verified" ? (
        <p className="notice verified" role="status">
          Signature verified: {file} was signed for User ID <strong>{signature.userId}</strong>, sequence{" "}
          {signature.sequence}.
        </p>
      ) : signature.status === "not-checked" ? (
        <p className="notice" role="status">
          Signed for User ID <strong>{signature.userId}</strong>, sequence {signature.sequence}; the signature
          is not checked: choose the issuing User's public key and check again.
        </p>
      ) : (
        <p className="error" role="alert">
          Signature NOT verified ({signature.status}): {signature.message}. Do not apply this file.
        </p>
      )}
      <h3>Coverage (G6.3, G6.4A)</h3>
      {coverage.length === 0 ? (
        <p className="notice">
          The file sets every threshold G6.3 and G6.4A require of this party's User IDs.
        </p>
      ) : (
        <details>
          <summary>
            {coverage.length === 1 ? "One requirement" : `${coverage.length} requirements`} of G6.3 and G6.4A
            the file does not meet ({coverageTally(coverage)})
          </summary>
          <DataTable
            rows={coverage}
            columns={coverageColumns}
            rowKey={(f) =>
              `${f.clause}:${f.kind}:${f.userId}:${f.srv}:${f.measure ?? ""}:${f.threshold ?? ""}`
            }
            caption="What the file leaves unset or sets wrongly, per User ID and SRV"
            empty="None."
          />
        </details>
      )}
      <DataTable
        rows={thresholdRows(report)}
        columns={thresholdColumns}
        rowKey={(r) => r.key}
        caption={`Thresholds in ${file}: ${report.totals.dcc} set by the DCC, ${report.totals.users} by Users under ${report.totals.userIds} User IDs`}
        showCaption
        empty="The file sets no threshold."
      />
    </>
  );
}
