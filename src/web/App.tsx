import { lazy, type ReactNode, Suspense, useRef } from "react";
import { type Route, routeHref } from "./routes.js";
import { describeMemberships } from "./session/auth-api.js";
import { PartyProvider, PartySwitcher } from "./session/party.js";
import { SignedIn, useSession } from "./session/session.js";
import { useRoute } from "./use-route.js";

// Each page is its own chunk, so the first page a person opens downloads only what it needs.
const pageModules = {
  overview: () => import("./overview/OverviewPage.js").then((m) => ({ default: m.OverviewPage })),
  parties: () => import("./parties/PartiesPage.js").then((m) => ({ default: m.PartiesPage })),
  obligations: () => import("./obligations/ObligationsPage.js").then((m) => ({ default: m.ObligationsPage })),
  calendar: () => import("./calendar/CalendarPage.js").then((m) => ({ default: m.CalendarPage })),
  assurance: () => import("./assurance/AssurancePage.js").then((m) => ({ default: m.AssurancePage })),
  registers: () => import("./registers/RegistersPage.js").then((m) => ({ default: m.RegistersPage })),
  controls: () => import("./controls/ControlsPage.js").then((m) => ({ default: m.ControlsPage })),
  adt: () => import("./adt/AdtPage.js").then((m) => ({ default: m.AdtPage })),
  audit: () => import("./audit/AuditPage.js").then((m) => ({ default: m.AuditPage })),
  code: () => import("./code/CodePage.js").then((m) => ({ default: m.CodePage })),
};

/**
 * Starts downloading the page the address opens while the session is still being checked; the
 * lazy component below then finds the module already loaded (the browser imports it once).
 */
export function preloadPage(route: Route): Promise<unknown> {
  return route.page === "not-found" ? Promise.resolve() : pageModules[route.page]().catch(() => undefined);
}

const OverviewPage = lazy(pageModules.overview);
const PartiesPage = lazy(pageModules.parties);
const ObligationsPage = lazy(pageModules.obligations);
const CalendarPage = lazy(pageModules.calendar);
const AssurancePage = lazy(pageModules.assurance);
const RegistersPage = lazy(pageModules.registers);
const ControlsPage = lazy(pageModules.controls);
const AdtPage = lazy(pageModules.adt);
const AuditPage = lazy(pageModules.audit);
const CodePage = lazy(pageModules.code);

const navigation: readonly {
  readonly label: string;
  readonly href: string;
  readonly pages: readonly string[];
}[] = [
  { label: "Overview", href: "#/", pages: ["overview"] },
  { label: "Obligations", href: "#/obligations", pages: ["obligations"] },
  { label: "Calendar", href: "#/calendar", pages: ["calendar"] },
  { label: "Assurance", href: "#/assurance", pages: ["assurance"] },
  { label: "Registers", href: "#/registers", pages: ["registers"] },
  { label: "Controls", href: "#/controls", pages: ["controls"] },
  { label: "ADT", href: "#/adt", pages: ["adt"] },
  { label: "Audit", href: "#/audit", pages: ["audit"] },
  { label: "The Code", href: "#/code", pages: ["code"] },
  { label: "Parties", href: "#/parties", pages: ["parties"] },
];

/** The shell every page shares: sign-in first, then the header, the main navigation, and the page. */
export function App(): ReactNode {
  return (
    <SignedIn>
      <PartyProvider>
        <Shell />
      </PartyProvider>
    </SignedIn>
  );
}

function Shell(): ReactNode {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  return (
    <>
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <header className="app-header">
        <a className="product" href="#/">
          secg
        </a>
        <span className="tagline">SEC Section G: security compliance workspace</span>
        <PartySwitcher />
        <SignedInUser />
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label="Main">
          <ul>
            {navigation.map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={item.pages.includes(route.page) ? "page" : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main ref={main} tabIndex={-1}>
          <Suspense
            fallback={
              <p className="status" role="status">
                Loading the page…
              </p>
            }
          >
            <Page route={route} />
          </Suspense>
        </main>
      </div>
    </>
  );
}

function SignedInUser(): ReactNode {
  const { me, signOut } = useSession();
  return (
    <span className="header-user">
      <span title={describeMemberships(me.memberships)}>
        Signed in as <strong>{me.displayName || me.username}</strong>
        <span className="header-role"> ({describeMemberships(me.memberships)})</span>
      </span>
      <button type="button" className="on-dark" onClick={() => void signOut()}>
        Sign out
      </button>
    </span>
  );
}

function Page({ route }: { route: Route }): ReactNode {
  switch (route.page) {
    case "overview":
      return <OverviewPage />;
    case "parties":
      return <PartiesPage />;
    case "calendar":
      return <CalendarPage />;
    case "assurance":
      return <AssurancePage route={route} />;
    case "registers":
      return <RegistersPage route={route} />;
    case "controls":
      return <ControlsPage route={route} />;
    case "adt":
      return <AdtPage />;
    case "audit":
      return <AuditPage />;
    case "code":
      return <CodePage route={route} />;
    case "obligations":
      return <ObligationsPage route={route} />;
    case "not-found":
      return (
        <>
          <h1>Page not found</h1>
          <p>
            There is no page at <code>{route.path}</code>. Go to the{" "}
            <a href={routeHref({ page: "overview" })}>Overview</a>.
          </p>
        </>
      );
  }
}
