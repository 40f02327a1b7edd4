import { type FormEvent, type ReactNode, useState } from "react";
import { registersApi } from "../api/workspace.js";
import { londonToday } from "../ui/format.js";
import { Section } from "../ui/Section.js";
import { ActionResult, useAction } from "../ui/use-action.js";

const methods = ["examine", "interview", "test"] as const;

/** Records a piece of evidence kept elsewhere (a link) against the obligations it shows are met. */
export function EvidenceForm({ party, onSaved }: { party: string; onSaved: () => void }): ReactNode {
  const [id, setId] = useState("");
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const [obligations, setObligations] = useState("");
  const [method, setMethod] = useState<string>("examine");
  const [collectedOn, setCollectedOn] = useState(londonToday());
  const [outcome, run] = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await registersApi.put(party, "evidence", id, {
        id,
        title,
        kind: "link",
        url,
        method,
        collectedOn,
        obligations: obligations
          .split(/[\s,]+/)
          .map((o) => o.trim())
          .filter((o) => o !== ""),
      });
      onSaved();
      return `Evidence ${id} recorded.`;
    });
  };

  return (
    <Section title="Record evidence" className="panel">
      <form className="stacked" onSubmit={submit}>
        <div className="field">
          <label htmlFor="evidence-id">Id</label>
          <input
            id="evidence-id"
            required
            pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
            value={id}
            onChange={(e) => setId(e.target.value)}
          />
        </div>
        <div className="field grow">
          <label htmlFor="evidence-title">Title</label>
          <input id="evidence-title" required value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field grow">
          <label htmlFor="evidence-url">Link to the evidence</label>
          <input id="evidence-url" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="evidence-obligations">Obligations it evidences</label>
          <input
            id="evidence-obligations"
            required
            placeholder="G3.1, G5.19(d)"
            value={obligations}
            onChange={(e) => setObligations(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="evidence-method">Method</label>
          <select id="evidence-method" value={method} onChange={(e) => setMethod(e.target.value)}>
            {methods.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="evidence-collected">Collected on</label>
          <input
            id="evidence-collected"
            type="date"
            required
            value={collectedOn}
            onChange={(e) => setCollectedOn(e.target.value)}
          />
        </div>
        <button type="submit" disabled={outcome.busy}>
          Record evidence
        </button>
      </form>
      <ActionResult state={outcome} />
    </Section>
  );
}
