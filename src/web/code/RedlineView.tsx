import { Fragment, type ReactNode, useEffect } from "react";
import { codeApi } from "../api/client.js";
import type { RedlineSpan, Version } from "../api/types.js";
import { useResource } from "../api/use-resource.js";
import { clausesRoute, type RedlineRoute, routeHref } from "../routes.js";
import { ResourceView } from "../ui/ResourceView.js";
import { navigate } from "../use-route.js";
import { EffectsView } from "./EffectsView.js";
import { ImpactView } from "./ImpactView.js";
import { PartPicker, VersionPicker } from "./pickers.js";
import { latestPair, newestFirst } from "./versions.js";

/** What changed between two versions: counts, the clauses in each group, one clause's redline, the effects. */
export function RedlineView({ route }: { route: RedlineRoute }): ReactNode {
  const [versions, reload] = useResource(codeApi.versions());
  return (
    <section aria-labelledby="redline-title">
      <h2 id="redline-title">Redline</h2>
      <ResourceView resource={versions} what="versions" onRetry={reload}>
        {({ versions }) =>
          versions.length < 2 ? (
            <p className="empty">
              A redline compares two versions, and this workspace holds{" "}
              {versions.length === 0 ? "none" : "one"}. Import another with{" "}
              <code>secg code import FILE --label L --in-force DATE</code>.
            </p>
          ) : (
            <Compare route={route} versions={versions} />
          )
        }
      </ResourceView>
    </section>
  );
}

function Compare({ route, versions }: { route: RedlineRoute; versions: readonly Version[] }): ReactNode {
  const pair = latestPair(versions);
  // Open on the two newest versions, and put them in the URL so the link can be shared as is.
  useEffect(() => {
    if (pair && (route.old === "" || route.new === "")) {
      navigate({ ...route, old: route.old || pair.old, new: route.new || pair.new }, { replace: true });
    }
  }, [pair, route]);

  const sorted = newestFirst(versions);
  const known = (label: string) => versions.some((version) => version.label === label);
  const ready = known(route.old) && known(route.new);
  return (
    <>
      <form className="controls" onSubmit={(event) => event.preventDefault()}>
        <VersionPicker
          id="redline-old"
          label="Old version"
          versions={sorted}
          value={route.old}
          onChange={(old) => navigate({ ...route, old })}
        />
        <VersionPicker
          id="redline-new"
          label="New version"
          versions={sorted}
          value={route.new}
          onChange={(label) => navigate({ ...route, new: label })}
        />
        <PartPicker id="redline-part" value={route.part} onChange={(part) => navigate({ ...route, part })} />
      </form>
      {!ready && (route.old !== "" || route.new !== "") && (
        <p className="notice" role="status">
          Pick two versions held in this workspace.
        </p>
      )}
      {ready && route.old === route.new && (
        <p className="notice" role="status">
          Both sides are {route.old}: pick two different versions to see what changed.
        </p>
      )}
      {ready && route.old !== route.new && (
        <>
          <Summary route={route} />
          {route.clause && <ClauseRedline route={route} />}
          <EffectsView versions={versions} route={route} />
        </>
      )}
    </>
  );
}

function Summary({ route }: { route: RedlineRoute }): ReactNode {
  const [diff, reload] = useResource(codeApi.diff(route.old, route.new, route.part));
  return (
    <ResourceView resource={diff} what="the comparison" onRetry={reload}>
      {(data) => (
        <>
          <p className="count" role="status" aria-live="polite">
            {route.part ? `In ${route.part}, from` : "From"} {route.old} to {route.new}: {data.changed.length}{" "}
            changed, {data.added.length} added, {data.removed.length} removed, {data.unchanged.length}{" "}
            unchanged.
          </p>
          <div className="diff-groups">
            <DiffGroup title="Changed" ids={data.changed} route={route} />
            <DiffGroup title="Added" ids={data.added} route={route} />
            <DiffGroup title="Removed" ids={data.removed} route={route} />
          </div>
          <ImpactView diff={data} route={route} />
        </>
      )}
    </ResourceView>
  );
}

type GroupProps = {
  readonly title: string;
  readonly ids: readonly string[];
  readonly route: RedlineRoute;
};

function DiffGroup({ title, ids, route }: GroupProps): ReactNode {
  const headingId = `diff-${title.toLowerCase()}`;
  return (
    <section className="diff-group" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {title} <span className="tally">{ids.length}</span>
      </h3>
      {ids.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <ul>
          {ids.map((id) => (
            <li key={id}>
              <a
                href={routeHref({ ...route, clause: id })}
                aria-current={id === route.clause ? "true" : undefined}
              >
                {id}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ClauseRedline({ route }: { route: RedlineRoute }): ReactNode {
  const [redline, reload] = useResource(codeApi.redline(route.old, route.new, route.clause));
  return (
    <section className="redline" aria-labelledby="redline-clause-title">
      <h3 id="redline-clause-title">
        <span className="clause-id">{route.clause}</span> from {route.old} to {route.new}
      </h3>
      <ResourceView resource={redline} what={`the redline of ${route.clause}`} onRetry={reload}>
        {(data) => {
          // A clause the new version dropped can still be read in the old one.
          const readIn = data.new === null ? route.old : route.new;
          return (
            <>
              <p className="legend">
                <del>struck through</del> words are deleted, <ins>underlined</ins> words inserted.
                {data.old === null && ` ${route.clause} is new in ${route.new}.`}
                {data.new === null && ` ${route.clause} is not in ${route.new}.`}
              </p>
              <p className="redline-text">
                <Spans spans={data.spans} />
              </p>
              <p>
                <a href={routeHref(clausesRoute({ version: readIn, clause: route.clause }))}>
                  Read {route.clause} in {readIn}
                </a>
              </p>
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

function Spans({ spans }: { spans: readonly RedlineSpan[] }): ReactNode {
  return spans.map((span, index) => {
    if (span.op === "equal") return span.text;
    // Screen readers do not announce <del> and <ins>, so each change also says what it is. The
    // spaces around a change stay outside its mark, so no stray underline or strike shows.
    const Change = span.op === "delete" ? "del" : "ins";
    const what = span.op === "delete" ? "deleted" : "inserted";
    const [, before = "", words = "", after = ""] = /^(\s*)(.*?)(\s*)$/su.exec(span.text) ?? [];
    return (
      // biome-ignore lint/suspicious/noArrayIndexKey: spans are a fixed sequence from one response.
      <Fragment key={index}>
        {before}
        <Change>
          <span className="visually-hidden">[{what}: </span>
          {words}
          <span className="visually-hidden">]</span>
        </Change>
        {after}
      </Fragment>
    );
  });
}
