import type { ReactNode } from "react";
import { type Endpoint, endpointOfAll } from "../api/client.js";
import type { DiffResponse } from "../api/types.js";
import { useResource } from "../api/use-resource.js";
import { type ObligationsAnswer, obligationsApi, type PartySummary } from "../obligations/api.js";
import { type RedlineRoute, routeHref } from "../routes.js";
import { useParty } from "../session/party.js";
import { DataTable } from "../ui/DataTable.js";
import { londonToday } from "../ui/format.js";
import { ResourceView } from "../ui/ResourceView.js";
import { type ClauseImpact, impactOn } from "./impact.js";

/** Every party's obligations on one day, loaded side by side. */
function obligationsOfAll(
  parties: readonly PartySummary[],
  on: string,
): Endpoint<{ party: PartySummary; answer: ObligationsAnswer }[]> {
  return endpointOfAll(
    `obligations:${parties.map((p) => p.id).join(",")}:${on}`,
    parties,
    async (party, signal) => ({
      party,
      answer: await obligationsApi.obligations(party.id, on).load(signal),
    }),
  );
}

/** Which of the parties the user may see the compared change reaches, clause by clause. */
export function ImpactView({ diff, route }: { diff: DiffResponse; route: RedlineRoute }): ReactNode {
  const { parties } = useParty();
  const today = londonToday();
  const [answers, reload] = useResource(parties.length > 0 ? obligationsOfAll(parties, today) : null);
  return (
    <section className="impact" aria-labelledby="impact-title">
      <h3 id="impact-title">Impact on your parties</h3>
      {parties.length === 0 ? (
        <p className="empty">
          No party is stored that you may see: import a profile on the Parties page to see whom a change
          reaches.
        </p>
      ) : (
        <ResourceView resource={answers} what="the parties' obligations" onRetry={reload}>
          {(list) => (
            <DataTable
              rows={impactOn(diff, list)}
              columns={[
                {
                  header: "Clause",
                  cell: (row: ClauseImpact) => (
                    <a href={routeHref({ ...route, clause: row.clause })} className="clause-id">
                      {row.clause}
                    </a>
                  ),
                },
                { header: "Change", cell: (row) => row.change, sort: (row) => row.change },
                {
                  header: "Parties owing a duty on it today",
                  cell: (row) => row.reach.map(reachText).join("; "),
                  sort: (row) => row.reach.length,
                },
              ]}
              rowKey={(row) => row.clause}
              caption={`Clauses changed from ${route.old} to ${route.new} that bind a party you may see, on ${today}`}
              showCaption
              empty="The change reaches none of your parties: no clause it touches carries a duty they owe today."
            />
          )}
        </ResourceView>
      )}
    </section>
  );
}

function reachText({ party, asParty, roles }: ClauseImpact["reach"][number]): string {
  const where = [...(asParty ? ["as a party"] : []), ...roles.map((role) => `as ${role}`)];
  return `${party.name} (${where.join(", ")})`;
}
