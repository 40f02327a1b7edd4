import { type ReactNode, useEffect, useRef, useState } from "react";
import { codeApi } from "../api/client.js";
import type { ClauseSummary, Version } from "../api/types.js";
import { useResource } from "../api/use-resource.js";
import { type ClausesRoute, routeHref, versionsRoute } from "../routes.js";
import { ResourceView } from "../ui/ResourceView.js";
import { useDebounced } from "../ui/use-debounced.js";
import { navigate } from "../use-route.js";
import { ClauseDetailView } from "./ClauseDetailView.js";
import { PartPicker, VersionPicker } from "./pickers.js";
import { clauseOf } from "./references.js";
import { searchSnippet } from "./search-snippet.js";
import { inForceOn, localIsoDate, newestFirst } from "./versions.js";

const searchDelayMs = 250;

/** Browse and search the clauses of one version, with the selected clause shown beside the list. */
export function ClauseBrowser({ route }: { route: ClausesRoute }): ReactNode {
  const [versions, reload] = useResource(codeApi.versions());
  return (
    <section aria-labelledby="clauses-title">
      <h2 id="clauses-title">Clauses</h2>
      <ResourceView resource={versions} what="versions" onRetry={reload}>
        {({ versions }) =>
          versions.length === 0 ? (
            <p className="empty">
              No versions yet: import one first (see <a href={routeHref(versionsRoute)}>Versions</a>).
            </p>
          ) : (
            <BrowseVersion route={route} versions={versions} />
          )
        }
      </ResourceView>
    </section>
  );
}

function BrowseVersion({
  route,
  versions,
}: {
  route: ClausesRoute;
  versions: readonly Version[];
}): ReactNode {
  const chosen = versions.find((version) => version.label === route.version);
  const fallback = inForceOn(versions, localIsoDate(new Date()));

  // With no version in the URL, open the one in force today and write it into the URL, so that a
  // copied link keeps meaning the same text after the next version is imported.
  useEffect(() => {
    if (route.version === "" && fallback) navigate({ ...route, version: fallback.label }, { replace: true });
  }, [fallback, route]);

  const version = chosen ?? fallback;
  if (!version) return null;
  return (
    <>
      {route.version !== "" && !chosen && (
        <p className="notice" role="status">
          There is no version “{route.version}”; showing {version.label} instead.
        </p>
      )}
      <SearchControls route={route} versions={versions} version={version} />
      <div className="browser">
        <ClauseList route={route} version={version} />
        <div className="clause-pane">
          {route.clause ? (
            <ClauseDetailView route={route} version={version} />
          ) : (
            <p className="hint">Pick a clause from the list to read it here.</p>
          )}
        </div>
      </div>
    </>
  );
}

type ControlsProps = {
  readonly route: ClausesRoute;
  readonly versions: readonly Version[];
  readonly version: Version;
};

function SearchControls({ route, versions, version }: ControlsProps): ReactNode {
  const [draft, setDraft] = useState(route.q);
  const settled = useDebounced(draft, searchDelayMs);
  const committed = useRef(route.q);

  const commit = (q: string) => {
    if (q === committed.current) return;
    committed.current = q;
    navigate({ ...route, q }, { replace: true });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: commit only when the typing settles, not on every route change.
  useEffect(() => commit(settled), [settled]);

  // The query can also change from outside (Back, a shared link): follow it, but never while the
  // person's own typing is still waiting to be committed.
  useEffect(() => {
    if (route.q === committed.current) return;
    committed.current = route.q;
    setDraft(route.q);
  }, [route.q]);

  return (
    <search>
      <form
        className="controls"
        onSubmit={(event) => {
          event.preventDefault();
          commit(draft);
        }}
      >
        <VersionPicker
          id="clauses-version"
          label="Version"
          versions={newestFirst(versions)}
          value={version.label}
          onChange={(label) => navigate({ ...route, version: label })}
        />
        <div className="field grow">
          <label htmlFor="clauses-q">Search clauses</label>
          <input
            id="clauses-q"
            type="search"
            value={draft}
            placeholder="e.g. G3.2 or vulnerability"
            onChange={(event) => setDraft(event.target.value)}
          />
        </div>
        <PartPicker id="clauses-part" value={route.part} onChange={(part) => navigate({ ...route, part })} />
      </form>
    </search>
  );
}

function ClauseList({ route, version }: { route: ClausesRoute; version: Version }): ReactNode {
  const [clauses, reload] = useResource(codeApi.clauses(version.label, route.q, route.part));
  const selected = clauseOf(route.clause);
  return (
    <nav className="clause-list" aria-label={`Clauses of ${version.label}`}>
      <ResourceView resource={clauses} what="clauses" onRetry={reload} keepPrevious>
        {({ clauses }) => (
          <>
            <p className="count" role="status" aria-live="polite">
              {describeCount(clauses.length, route)}
            </p>
            <ul>
              {clauses.map((clause) => (
                <ClauseListItem
                  key={clause.id}
                  clause={clause}
                  href={routeHref({ ...route, version: version.label, clause: clause.id })}
                  selected={clause.id === selected}
                  query={route.q}
                />
              ))}
            </ul>
          </>
        )}
      </ResourceView>
    </nav>
  );
}

function describeCount(count: number, route: ClausesRoute): string {
  const noun = count === 1 ? "clause" : "clauses";
  const scope = [route.part && `in ${route.part}`, route.q && `matching “${route.q}”`]
    .filter(Boolean)
    .join(" ");
  if (count === 0) return scope ? `No clauses ${scope}.` : "This version has no clauses.";
  return `${count} ${noun}${scope ? ` ${scope}` : ""}`;
}

type ItemProps = {
  readonly clause: ClauseSummary;
  readonly href: string;
  readonly selected: boolean;
  readonly query: string;
};

function ClauseListItem({ clause, href, selected, query }: ItemProps): ReactNode {
  const snippet = searchSnippet(clause.text, query);
  return (
    <li>
      <a href={href} aria-current={selected ? "true" : undefined}>
        <span className="clause-id">{clause.id}</span>
        <span className="clause-heading">{clause.heading || "—"}</span>
        {clause.notUsed && <span className="badge muted">not used</span>}
        {snippet && (
          <span className="snippet">
            {snippet.before}
            <mark>{snippet.match}</mark>
            {snippet.after}
          </span>
        )}
      </a>
    </li>
  );
}
