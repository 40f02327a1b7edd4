import { type ReactNode, useEffect } from "react";
import { codeApi } from "../api/client.js";
import { useResource } from "../api/use-resource.js";
import { ClauseText } from "../code/ClauseText.js";
import { PartPicker } from "../code/pickers.js";
import { clausesRoute, type ObligationsRoute, routeHref } from "../routes.js";
import { useParty } from "../session/party.js";
import { londonToday } from "../ui/format.js";
import { ResourceView } from "../ui/ResourceView.js";
import { navigate } from "../use-route.js";
import {
  type CatalogueEntry,
  type Change,
  clauseOf,
  type Obligation,
  type ObligationsAnswer,
  obligationsApi,
  type PartySummary,
} from "./api.js";
import { StatusBadge, type StatusById, StatusDetail, useObligationStatus } from "./status.js";

const areas = ["system", "organisational", "information", "assurance"];
const triggers = ["standing", "periodic", "event", "dated"];

/** "Obligations": what binds a stored party on a date, as such and per role, and why. */
export function ObligationsPage({ route }: { route: ObligationsRoute }): ReactNode {
  useEffect(() => {
    document.title = "Obligations · secg";
  }, []);
  const [parties, reload] = useResource(obligationsApi.parties());
  return (
    <>
      <h1>Obligations</h1>
      <p className="lede">
        The Section G duties that bind a party on a date: on the party as such and in each of its User Roles,
        with the reasons and the Code version they were worked out under.
      </p>
      <ResourceView resource={parties} what="parties" onRetry={reload}>
        {({ parties: list }) =>
          list.length === 0 ? <NoParties /> : <PartyObligations route={route} parties={list} />
        }
      </ResourceView>
    </>
  );
}

function NoParties(): ReactNode {
  return (
    <div className="empty">
      <p>No parties are stored in this workspace yet.</p>
      <p>
        Import party profiles with <code>secg party import PROFILE.yaml --data DIR</code>, or start the server
        with <code>secg serve --demo</code> to load demonstration parties.
      </p>
    </div>
  );
}

type PartyProps = { readonly route: ObligationsRoute; readonly parties: readonly PartySummary[] };

function PartyObligations({ route, parties }: PartyProps): ReactNode {
  const chosen = useParty().party;
  const party =
    parties.find((p) => p.id === route.party) ?? parties.find((p) => p.id === chosen) ?? parties[0]!;
  // The date the page answers for unless one is chosen: today in Great Britain, where the Code applies.
  const on = route.on || londonToday();
  const [answer, reload] = useResource(obligationsApi.obligations(party.id, on));
  const go = (fields: Partial<ObligationsRoute>) => navigate({ ...route, party: party.id, ...fields });
  return (
    <>
      <form className="controls" aria-label="Party, date and filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="obligations-party">Party</label>
          <select
            id="obligations-party"
            value={party.id}
            onChange={(e) => go({ party: e.target.value, obligation: "" })}
          >
            {parties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.id})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="obligations-on">On</label>
          <input
            id="obligations-on"
            type="date"
            value={on}
            onChange={(e) => e.target.value && go({ on: e.target.value })}
          />
        </div>
        <PartPicker id="obligations-part" value={route.part} onChange={(part) => go({ part })} />
        <Choice
          id="obligations-area"
          label="Area"
          all="All areas"
          options={areas}
          value={route.area}
          onChange={(area) => go({ area })}
        />
        <Choice
          id="obligations-trigger"
          label="Trigger"
          all="Any trigger"
          options={triggers}
          value={route.trigger}
          onChange={(trigger) => go({ trigger })}
        />
        <div className="field">
          <label htmlFor="obligations-compare">Compare with</label>
          <input
            id="obligations-compare"
            type="date"
            value={route.compare}
            onChange={(e) => go({ compare: e.target.value })}
          />
        </div>
      </form>
      <ResourceView resource={answer} what={`the obligations of ${party.id}`} onRetry={reload}>
        {(data) => <Answer route={{ ...route, party: party.id, on }} answer={data} />}
      </ResourceView>
    </>
  );
}

type ChoiceProps = {
  readonly id: string;
  readonly label: string;
  readonly all: string;
  readonly options: readonly string[];
  readonly value: string;
  readonly onChange: (value: string) => void;
};

function Choice({ id, label, all, options, value, onChange }: ChoiceProps): ReactNode {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

function Answer({ route, answer }: { route: ObligationsRoute; answer: ObligationsAnswer }): ReactNode {
  const version = answer.codeVersion;
  const [catalogue, reload] = useResource(obligationsApi.catalogue(version.label));
  const status = useObligationStatus(answer.party);
  return (
    <ResourceView resource={catalogue} what="the catalogue" onRetry={reload}>
      {({ entries }) => {
        const byClause = new Map(entries.map((e) => [e.clause, e]));
        const shown = (ob: Obligation) => {
          const entry = byClause.get(clauseOf(ob.id));
          return (
            (route.part === "" || entry?.part === route.part) &&
            (route.area === "" || entry?.area === route.area) &&
            (route.trigger === "" || entry?.trigger?.kind === route.trigger)
          );
        };
        const selected = route.obligation;
        return (
          <>
            <p className="hint" aria-live="polite">
              Under Code version {version.label}, in force from {version.inForce}
              {version.dateAssumed ? " (date assumed)" : ""}.
            </p>
            {route.compare && <CompareView route={route} />}
            <div className="browser">
              <div className="clause-list">
                <Group
                  title="Duties on the party as such"
                  obligations={answer.partyObligations.filter(shown)}
                  byClause={byClause}
                  route={route}
                  status={status}
                />
                {answer.roles.map((role) => (
                  <Group
                    key={role.role}
                    title={`As ${role.role}`}
                    note={role.because[0]}
                    obligations={role.obligations.filter(shown)}
                    byClause={byClause}
                    route={route}
                    status={status}
                    scope={role.role}
                  />
                ))}
              </div>
              <section className="clause-pane" aria-label="Obligation">
                {selected === "" ? (
                  <p className="hint">
                    Choose an obligation to see why it binds and what an assessor asks for.
                  </p>
                ) : (
                  <ObligationDetail
                    route={route}
                    answer={answer}
                    status={status}
                    entry={byClause.get(clauseOf(selected.split("@")[0]!))}
                  />
                )}
              </section>
            </div>
          </>
        );
      }}
    </ResourceView>
  );
}

type GroupProps = {
  readonly title: string;
  readonly note?: string | undefined;
  readonly obligations: readonly Obligation[];
  readonly byClause: ReadonlyMap<string, CatalogueEntry>;
  readonly route: ObligationsRoute;
  readonly status: StatusById;
  /** The role, or "" for the party as such: an obligation id is opened as "id@scope". */
  readonly scope?: string;
};

function Group({ title, note, obligations, byClause, route, status, scope = "" }: GroupProps): ReactNode {
  const headingId = `group-${scope || "party"}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title} <span className="count">({obligations.length})</span>
      </h2>
      {note && <p className="hint">{note}</p>}
      {obligations.length === 0 ? (
        <p className="status">None with these filters.</p>
      ) : (
        <ul>
          {obligations.map((ob) => {
            const key = `${ob.id}@${scope}`;
            return (
              <li key={key}>
                <a
                  href={routeHref({ ...route, obligation: key })}
                  aria-current={route.obligation === key ? "true" : undefined}
                >
                  <span className="clause-id">{ob.id}</span>{" "}
                  <span className="clause-heading">{summaryOf(ob.id, byClause)}</span>
                </a>
                <StatusBadge status={status} id={ob.id} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function summaryOf(id: string, byClause: ReadonlyMap<string, CatalogueEntry>): string {
  const entry = byClause.get(clauseOf(id));
  return entry?.paragraphs?.find((p) => p.id === id)?.summary ?? entry?.summary ?? "";
}

type DetailProps = {
  readonly route: ObligationsRoute;
  readonly answer: ObligationsAnswer;
  readonly status: StatusById;
  readonly entry: CatalogueEntry | undefined;
};

function ObligationDetail({ route, answer, status, entry }: DetailProps): ReactNode {
  const [id = "", scope = ""] = route.obligation.split("@");
  const list =
    scope === "" ? answer.partyObligations : (answer.roles.find((r) => r.role === scope)?.obligations ?? []);
  const obligation = list.find((ob) => ob.id === id);
  const [clause, reload] = useResource(codeApi.clause(clauseOf(id), route.on));
  if (obligation === undefined) {
    return (
      <p className="notice">
        {id} does not bind {answer.party} on {answer.on}.
      </p>
    );
  }
  const byClause = new Map(entry ? [[entry.clause, entry]] : []);
  return (
    <article className="clause" aria-labelledby="obligation-title">
      <h3 id="obligation-title">
        <span className="clause-id">{id}</span> {scope === "" ? "on the party as such" : `as ${scope}`}
      </h3>
      <p>{summaryOf(id, byClause)}</p>
      {entry?.trigger && (
        <p className="hint">
          Area: {entry.area}; trigger: {entry.trigger.kind}
          {entry.trigger.every ? ` (${entry.trigger.every})` : ""}
          {entry.trigger.event ? ` (${entry.trigger.event})` : ""}
        </p>
      )}
      <h4>Why it binds</h4>
      <ol>
        {obligation.because.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ol>
      {entry?.evidence && entry.evidence.length > 0 && (
        <>
          <h4>Evidence an assessor asks for</h4>
          <ul>
            {entry.evidence.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      )}
      <StatusDetail status={status} id={id} />
      <h4>The clause as in force on {route.on}</h4>
      <ResourceView resource={clause} what={`the text of ${clauseOf(id)}`} onRetry={reload}>
        {(data) => (
          <blockquote className="clause-text">
            <p className="hint">
              From stored version {data.version.label}.{" "}
              <a href={routeHref(clausesRoute({ version: data.version.label, clause: data.clause.id }))}>
                Open in The Code
              </a>
            </p>
            <p>
              <ClauseText
                text={data.clause.text}
                linkable={new Set()}
                from={clausesRoute({ version: data.version.label })}
              />
            </p>
          </blockquote>
        )}
      </ResourceView>
    </article>
  );
}

function CompareView({ route }: { route: ObligationsRoute }): ReactNode {
  const [from, to] = route.compare < route.on ? [route.compare, route.on] : [route.on, route.compare];
  const [diff, reload] = useResource(from === to ? null : obligationsApi.diff(route.party, from, to));
  return (
    <section className="diff-groups" aria-labelledby="compare-title">
      <h2 id="compare-title">
        What changes from {from} to {to}
      </h2>
      <ResourceView resource={diff} what="the comparison" onRetry={reload}>
        {(data) => (
          <>
            <p className="hint">
              {data.from.codeVersion.label} → {data.to.codeVersion.label}
            </p>
            <ChangeList title="On the party as such" change={data.partyObligations} />
            {data.roles.map((role) => (
              <ChangeList key={role.role} title={`As ${role.role}`} change={role} />
            ))}
          </>
        )}
      </ResourceView>
    </section>
  );
}

function ChangeList({ title, change }: { title: string; change: Change }): ReactNode {
  const lines = [
    ...change.starts.map((ob) => `${ob.id} starts to bind`),
    ...change.stops.map((ob) => `${ob.id} stops binding`),
    ...change.changed.map(
      (c) => `${c.id} still binds, ${c.entryChanged ? "under rewritten wording" : "for other reasons"}`,
    ),
  ];
  return (
    <div className="diff-group">
      <h3>{title}</h3>
      {lines.length === 0 ? (
        <p className="status">No change.</p>
      ) : (
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
