import { type ReactNode, useRef } from "react";
import { CodePage } from "./code/CodePage.js";
import { ObligationsPage } from "./obligations/ObligationsPage.js";
import { obligationsRoute, type Route, routeHref, versionsRoute } from "./routes.js";
import { useRoute } from "./use-route.js";

/** The shell every page shares: the product header, the main navigation, and the page itself. */
export function App(): ReactNode {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  return (
    <>
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <header className="app-header">
        <a className="product" href={routeHref(versionsRoute)}>
          secg
        </a>
        <span className="tagline">SEC Section G: security compliance workspace</span>
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label="Main">
          <ul>
            <li>
              <a href={routeHref(versionsRoute)} aria-current={route.page === "code" ? "page" : undefined}>
                The Code
              </a>
            </li>
            <li>
              <a
                href={routeHref(obligationsRoute())}
                aria-current={route.page === "obligations" ? "page" : undefined}
              >
                Obligations
              </a>
            </li>
          </ul>
        </nav>
        <main ref={main} tabIndex={-1}>
          <Page route={route} />
        </main>
      </div>
    </>
  );
}

function Page({ route }: { route: Route }): ReactNode {
  switch (route.page) {
    case "code":
      return <CodePage route={route} />;
    case "obligations":
      return <ObligationsPage route={route} />;
    case "not-found":
      return (
        <>
          <h1>Page not found</h1>
          <p>
            There is no page at <code>{route.path}</code>. Go to{" "}
            <a href={routeHref(versionsRoute)}>The Code</a>.
          </p>
        </>
      );
  }
}
