import type { ReactNode } from "react";
import { codeApi } from "../api/client.js";
import type { Effect, EffectKind, Version } from "../api/types.js";
import { useResource } from "../api/use-resource.js";
import { type RedlineRoute, routeHref } from "../routes.js";
import { ResourceView } from "../ui/ResourceView.js";
import { partOf } from "./references.js";
import { inForceOrder } from "./versions.js";

// Beyond this many rows the table starts folded: a whole new Section brings hundreds of insertions.
const openRowLimit = 15;

const kinds: readonly EffectKind[] = ["inserted", "substituted", "repealed", "renumbered"];

type Props = { readonly versions: readonly Version[]; readonly route: RedlineRoute };

/**
 * The effects register between two versions, limited to the part being compared. Effects run
 * forward in time, so they are asked for oldest first whichever side was picked as old.
 */
export function EffectsView({ versions, route }: Props): ReactNode {
  const [from, to] = inForceOrder(versions, route.old, route.new);
  const [effects, reload] = useResource(codeApi.effects(from, to));
  return (
    <section className="effects" aria-labelledby="effects-title">
      <h3 id="effects-title">Effects</h3>
      <ResourceView resource={effects} what="effects" onRetry={reload}>
        {({ effects }) => {
          const shown = route.part
            ? effects.filter((effect) => partOf(effect.clauseId) === route.part)
            : effects;
          if (shown.length === 0) {
            return (
              <p className="hint">
                No effects recorded {route.part && `in ${route.part} `}between {from} and {to}.
              </p>
            );
          }
          const table = <EffectsTable effects={shown} route={route} />;
          return (
            <>
              <p className="count">{describeKinds(shown)}</p>
              {shown.length <= openRowLimit ? (
                table
              ) : (
                <details>
                  <summary>Show all {shown.length} effects</summary>
                  {table}
                </details>
              )}
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

function describeKinds(effects: readonly Effect[]): string {
  const counts = kinds
    .map((kind) => [kind, effects.filter((effect) => effect.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}`);
  return `${counts.join(", ")}.`;
}

function EffectsTable({ effects, route }: { effects: readonly Effect[]; route: RedlineRoute }): ReactNode {
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Clause</th>
            <th scope="col">Effect</th>
            <th scope="col">Versions</th>
            <th scope="col">Made by</th>
          </tr>
        </thead>
        <tbody>
          {effects.map((effect) => (
            <tr key={`${effect.from}:${effect.to}:${effect.clauseId}:${effect.kind}`}>
              <th scope="row">
                <a href={routeHref({ ...route, clause: effect.clauseId })}>{effect.clauseId}</a>
              </th>
              <td>
                {effect.kind}
                {effect.renumberedFrom && ` (was ${effect.renumberedFrom})`}
              </td>
              <td>
                {effect.from} → {effect.to}
              </td>
              <td>{effect.madeBy || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
