import { type ReactNode, useEffect, useRef, useState } from "react";
import { ApiError, describeError } from "../api/client.js";
import { useResource } from "../api/use-resource.js";
import { auditApi, type Checkpoint } from "../api/workspace.js";
import { DataTable } from "../ui/DataTable.js";
import { ResourceView } from "../ui/ResourceView.js";
import { Section } from "../ui/Section.js";
import { Time } from "../ui/Time.js";
import { toHex } from "./merkle.js";
import { parseSignedNote, type SignatureCheck, verifyCheckpointSignature } from "./note.js";
import { entryColumns, Review, rowKey } from "./Review.js";
import { reviewEntryOf } from "./review-words.js";
import { type Entry, searchEntries, type VerifyProgress, type VerifyResult, verifyLog } from "./verify.js";

/** Audit: the tamper-evident log (G2.26 review, checkpoint, verification in the browser, search). */
export function AuditPage(): ReactNode {
  useEffect(() => {
    document.title = "Audit · secg";
  }, []);
  const [checkpoint, reload] = useResource(auditApi.checkpoint());
  const [entries, setEntries] = useState<readonly Entry[]>([]);
  return (
    <>
      <h1>Audit log</h1>
      <p className="lede">
        Every change and every access decision is an entry in an append-only log; signed checkpoints let
        anyone prove it was not rewritten.
      </p>
      <Section title="Latest checkpoint" className="panel">
        {checkpoint.status === "error" &&
        checkpoint.error instanceof ApiError &&
        checkpoint.error.status === 404 ? (
          <p className="empty">
            No checkpoint is signed yet. Sign one with <code>secg audit checkpoint --data DIR</code>; the
            server signs them as the log grows.
          </p>
        ) : (
          <ResourceView resource={checkpoint} what="the checkpoint" onRetry={reload}>
            {(c) => (
              <>
                <dl className="facts">
                  <dt>Entries</dt>
                  <dd>{c.size}</dd>
                  <dt>Signed</dt>
                  <dd>
                    <Time iso={c.signedAt} /> by key {c.keyName}
                    {keyIdsOf(c.note) && (
                      <>
                        {" "}
                        (key id <span className="mono">{keyIdsOf(c.note)}</span>)
                      </>
                    )}
                  </dd>
                  <dt>Root hash</dt>
                  <dd className="mono">{c.root}</dd>
                </dl>
                <Verify checkpoint={c} onEntries={setEntries} />
              </>
            )}
          </ResourceView>
        )}
      </Section>
      <Search entries={entries} />
      <Section title="Export for an auditor" className="panel">
        <p>
          The offline bundle holds the entries up to the latest signed checkpoint, the public keys and the
          checkpoint itself, so it can be checked without secg's database:{" "}
          <a href="/api/audit/bundle" download="audit-bundle.jsonl">
            download the audit bundle
          </a>
          , then check it with <code>secg audit verify audit-bundle.jsonl</code>.
        </p>
      </Section>
      <Review />
    </>
  );
}

/** The key ids the note's signature lines name, the fingerprint `secg audit keys` shows too. */
function keyIdsOf(note: string): string {
  return (parseSignedNote(note)?.signatures ?? []).map((s) => toHex(s.keyId)).join(", ");
}

type VerifyState =
  | { readonly phase: "idle" }
  | { readonly phase: "signature" }
  | { readonly phase: "running"; readonly signature: SignatureCheck; readonly progress: VerifyProgress }
  | { readonly phase: "done"; readonly signature: SignatureCheck; readonly result?: VerifyResult }
  | { readonly phase: "failed"; readonly message: string };

/** The verifier keys to trust: the one pasted by the user, or every key the server lists. */
async function trustedKeys(pasted: string): Promise<string[]> {
  if (pasted.trim() !== "") return [pasted.trim()];
  return (await auditApi.keys()).keys.map((key) => key.verifierKey);
}

function Verify({
  checkpoint,
  onEntries,
}: {
  checkpoint: Checkpoint;
  onEntries: (entries: readonly Entry[]) => void;
}): ReactNode {
  const [state, setState] = useState<VerifyState>({ phase: "idle" });
  const [pasted, setPasted] = useState("");
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);
  const start = async () => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ phase: "signature" });
    try {
      const signature = await verifyCheckpointSignature(checkpoint, await trustedKeys(pasted));
      if (!signature.ok) {
        setState({ phase: "done", signature });
        return;
      }
      setState({ phase: "running", signature, progress: { checked: 0, total: checkpoint.size } });
      const result = await verifyLog(
        checkpoint,
        (from, limit, signal) => auditApi.entries(from, limit, signal),
        (progress) => setState({ phase: "running", signature, progress }),
        abort.signal,
      );
      onEntries(result.entries);
      setState({ phase: "done", signature, result });
    } catch (error) {
      if (!abort.signal.aborted) setState({ phase: "failed", message: describeError(error) });
    }
  };
  const signature = state.phase === "running" || state.phase === "done" ? state.signature : undefined;
  const result = state.phase === "done" ? state.result : undefined;
  return (
    <div>
      <div className="field grow">
        <label htmlFor="trusted-key">Verifier key to trust (optional)</label>
        <input
          id="trusted-key"
          className="mono"
          aria-describedby="trusted-key-help"
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
        />
        <span id="trusted-key-help" className="hint">
          Paste a line of <code>secg audit keys</code> run where the key is kept; left empty, the keys the
          server lists are used, and the one that signed is shown below to compare.
        </span>
      </div>
      <button
        type="button"
        className="primary"
        disabled={state.phase === "running" || state.phase === "signature"}
        onClick={() => void start()}
      >
        Verify the log
      </button>
      <div aria-live="polite">
        {state.phase === "signature" && <p role="status">Checking the checkpoint's signature…</p>}
        {signature?.ok && (
          <div className="notice verified" role="status">
            <p>
              Signature verified: the checkpoint was signed by key <strong>{signature.key.name}</strong> (key
              id <span className="mono">{signature.key.keyId}</span>).
            </p>
            <p>
              Compare with <code>secg audit keys</code>: <span className="mono">{signature.key.text}</span>
            </p>
          </div>
        )}
        {state.phase === "running" && (
          <p role="status">
            <label>
              Checked {state.progress.checked} of {state.progress.total} entries{" "}
              <progress value={state.progress.checked} max={Math.max(1, state.progress.total)} />
            </label>
          </p>
        )}
        {result?.ok && (
          <p className="notice verified" role="status">
            Verified: all {result.size} entries hash to the checkpoint's root, so none was changed or removed
            {result.removed > 0 &&
              ` (the text of ${result.removed} was removed by retention: only their hashes were checked)`}
            .
          </p>
        )}
      </div>
      {signature && !signature.ok && (
        <p className="error" role="alert">
          Signature NOT verified: {signature.problem}. Do not rely on this checkpoint.
        </p>
      )}
      {result && !result.ok && (
        <p className="error" role="alert">
          Verification failed: {result.problem}.
        </p>
      )}
      {state.phase === "failed" && (
        <p className="error" role="alert">
          Could not verify: {state.message}.
        </p>
      )}
    </div>
  );
}

function Search({ entries }: { entries: readonly Entry[] }): ReactNode {
  const [query, setQuery] = useState("");
  const matches = query.trim() ? searchEntries(entries, query) : [];
  return (
    <Section title="Search entries" className="panel">
      {entries.length === 0 ? (
        <p className="hint">Verify the log first: the entries it reads are then searchable here.</p>
      ) : (
        <>
          <div className="field grow">
            <label htmlFor="audit-search">Words in the entry (actor, action, party, request id)</label>
            <input id="audit-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
          </div>
          <p className="count" aria-live="polite">
            {query.trim() ? `${matches.length} matching entries` : `${entries.length} entries loaded`}
          </p>
          {matches.length > 0 && (
            <DataTable
              rows={matches.map(reviewEntryOf)}
              columns={entryColumns}
              rowKey={rowKey}
              caption="Matching entries"
              empty=""
            />
          )}
        </>
      )}
    </Section>
  );
}
