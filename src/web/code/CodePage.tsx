import { type ReactNode, useEffect } from "react";
import {
  type CodeRoute,
  clausesRoute,
  type Route,
  redlineRoute,
  routeHref,
  versionsRoute,
} from "../routes.js";
import { ClauseBrowser } from "./ClauseBrowser.js";
import { RedlineView } from "./RedlineView.js";
import { VersionsView } from "./VersionsView.js";

const views: readonly { view: CodeRoute["view"]; title: string; route: Route }[] = [
  { view: "versions", title: "Versions", route: versionsRoute },
  { view: "clauses", title: "Clauses", route: clausesRoute() },
  { view: "redline", title: "Redline", route: redlineRoute() },
];

/** "The Code": the stored versions of Section G, a clause browser, and the redline between versions. */
export function CodePage({ route }: { route: CodeRoute }): ReactNode {
  const title = views.find((entry) => entry.view === route.view)?.title ?? "";
  useEffect(() => {
    document.title = `${title} · The Code · secg`;
  }, [title]);

  return (
    <>
      <h1>The Code</h1>
      <p className="lede">
        The versions of SEC Section G held in this workspace, their clauses, and what changed.
      </p>
      <nav className="tabs" aria-label="The Code">
        <ul>
          {views.map((entry) => (
            <li key={entry.view}>
              <a href={routeHref(entry.route)} aria-current={entry.view === route.view ? "page" : undefined}>
                {entry.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {route.view === "versions" && <VersionsView />}
      {route.view === "clauses" && <ClauseBrowser route={route} />}
      {route.view === "redline" && <RedlineView route={route} />}
    </>
  );
}
