import type { ReactNode } from "react";
import { codeApi } from "../api/client.js";
import type { Version } from "../api/types.js";
import { useResource } from "../api/use-resource.js";
import { clausesRoute, redlineRoute, routeHref } from "../routes.js";
import { ResourceView } from "../ui/ResourceView.js";
import { inForceOn, localIsoDate, newestFirst } from "./versions.js";

/** The versions of Section G held in the workspace, newest first, with the one in force today marked. */
export function VersionsView(): ReactNode {
  const [versions, reload] = useResource(codeApi.versions());
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      <ResourceView resource={versions} what="versions" onRetry={reload}>
        {({ versions }) =>
          versions.length === 0 ? (
            <NoVersions />
          ) : (
            <VersionsTable versions={versions} today={localIsoDate(new Date())} />
          )
        }
      </ResourceView>
    </section>
  );
}

function NoVersions(): ReactNode {
  return (
    <div className="empty">
      <p>No version of Section G has been imported into this workspace yet. Import one from a terminal:</p>
      <pre>
        <code>secg code import FILE --label L --in-force DATE</code>
      </pre>
      <p>
        FILE is the Section G text (plain text or Markdown), L a short name such as <code>v1</code>, and DATE
        the day it comes into force (YYYY-MM-DD). Import a second version to compare them.
      </p>
    </div>
  );
}

function VersionsTable({ versions, today }: { versions: readonly Version[]; today: string }): ReactNode {
  const current = inForceOn(versions, today);
  const sorted = newestFirst(versions);
  return (
    <>
      <p className="hint" aria-live="polite">
        {versions.length === 1 ? "1 version" : `${versions.length} versions`}
        {current ? `; ${current.label} is in force today (${today}).` : "."}
      </p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">In force from</th>
              <th scope="col">Made by</th>
              <th scope="col" className="number">
                Clauses
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((version, index) => (
              <VersionRow
                key={version.label}
                version={version}
                previous={sorted[index + 1]}
                current={version === current}
                future={version.inForce > today}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type RowProps = {
  readonly version: Version;
  /** The next older version, which this one's changes are measured against. */
  readonly previous: Version | undefined;
  readonly current: boolean;
  readonly future: boolean;
};

function VersionRow({ version, previous, current, future }: RowProps): ReactNode {
  return (
    <tr>
      <th scope="row">
        {version.label}
        {current && <span className="badge">in force</span>}
        {future && <span className="badge future">future</span>}
      </th>
      <td>{version.inForce}</td>
      <td>{version.madeBy || "—"}</td>
      <td className="number">{version.clauseCount}</td>
      <td>
        <a className="action" href={routeHref(clausesRoute({ version: version.label }))}>
          Browse<span className="visually-hidden"> {version.label}</span>
        </a>
        {previous && (
          <a className="action" href={routeHref(redlineRoute({ old: previous.label, new: version.label }))}>
            Changes
            <span className="visually-hidden">
              {" "}
              from {previous.label} to {version.label}
            </span>
          </a>
        )}
      </td>
    </tr>
  );
}
