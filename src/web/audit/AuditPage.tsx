import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { ApiError, describeError } from "../api/client.js";
import { useResource } from "../api/use-resource.js";
import { auditApi, type Checkpoint, type Json } from "../api/workspace.js";
import { cellText, londonToday, shortTime } from "../ui/format.js";
import { ResourceView } from "../ui/ResourceView.js";
import { Section } from "../ui/Section.js";
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
                    {shortTime(c.signedAt)} by key {c.keyName}
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

type VerifyState =
  | { readonly phase: "idle" }
  | { readonly phase: "running"; readonly progress: VerifyProgress }
  | { readonly phase: "done"; readonly result: VerifyResult }
  | { readonly phase: "failed"; readonly message: string };

function Verify({
  checkpoint,
  onEntries,
}: {
  checkpoint: Checkpoint;
  onEntries: (entries: readonly Entry[]) => void;
}): ReactNode {
  const [state, setState] = useState<VerifyState>({ phase: "idle" });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);
  const start = async () => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ phase: "running", progress: { checked: 0, total: checkpoint.size } });
    try {
      const result = await verifyLog(
        checkpoint,
        (from, limit, signal) => auditApi.entries(from, limit, signal),
        (progress) => setState({ phase: "running", progress }),
        abort.signal,
      );
      onEntries(result.entries);
      setState({ phase: "done", result });
    } catch (error) {
      if (!abort.signal.aborted) setState({ phase: "failed", message: describeError(error) });
    }
  };
  return (
    <div>
      <button
        type="button"
        className="primary"
        disabled={state.phase === "running"}
        onClick={() => void start()}
      >
        Verify the log
      </button>
      <div aria-live="polite">
        {state.phase === "running" && (
          <p role="status">
            <label>
              Checked {state.progress.checked} of {state.progress.total} entries{" "}
              <progress value={state.progress.checked} max={Math.max(1, state.progress.total)} />
            </label>
          </p>
        )}
        {state.phase === "done" && state.result.ok && (
          <p className="notice verified" role="status">
            Verified: all {state.result.size} entries hash to the checkpoint's root, so none was changed or
            removed.
          </p>
        )}
      </div>
      {state.phase === "done" && !state.result.ok && (
        <p className="error" role="alert">
          Verification failed: {state.result.problem}.
        </p>
      )}
      {state.phase === "failed" && (
        <p className="error" role="alert">
          Could not read the log: {state.message}.
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
            <ol className="entries">
              {matches.map((entry) => (
                <li key={entry.index}>
                  <span className="clause-id">#{entry.index}</span> <code>{entry.entry}</code>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </Section>
  );
}

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(date) - days * 86_400_000).toISOString().slice(0, 10);
}

/** G2.26: the periodic review of the log for denied access, failed sign-ins and unusual activity. */
function Review(): ReactNode {
  const today = londonToday();
  const [since, setSince] = useState(daysBefore(today, 7));
  const [until, setUntil] = useState(today);
  const [asked, setAsked] = useState({ since: daysBefore(today, 7), until: today });
  const [review, reload] = useResource(
    auditApi.review(`${asked.since}T00:00:00Z`, `${asked.until}T23:59:59Z`),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked({ since, until });
  };
  return (
    <Section title="Review (G2.26)" className="panel">
      <form className="controls" onSubmit={submit}>
        <div className="field">
          <label htmlFor="review-since">From</label>
          <input id="review-since" type="date" value={since} onChange={(e) => setSince(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="review-until">To</label>
          <input id="review-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </div>
        <button type="submit">Review</button>
      </form>
      <ResourceView resource={review} what="the review" onRetry={reload}>
        {(r) => (
          <div className="review-lists">
            <ReviewList title="Denied requests" items={r.denied} />
            <ReviewList title="Failed sign-ins and lockouts" items={r.failedLogins} />
            <ReviewList title="Unusual activity" items={r.unusual} />
          </div>
        )}
      </ResourceView>
    </Section>
  );
}

function ReviewList({ title, items }: { title: string; items: readonly Json[] }): ReactNode {
  return (
    <div>
      <h3>
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p className="hint">None in this period.</p>
      ) : (
        <ul>
          {items.slice(0, 100).map((item) => (
            <li key={JSON.stringify(item)}>
              {Object.entries(item)
                .map(([key, value]) => `${key}: ${cellText(value)}`)
                .join(" · ")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
