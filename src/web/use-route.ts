import { useSyncExternalStore } from "react";
import { parseRoute, type Route, routeHref } from "./routes.js";

// replaceState fires no hashchange, so the router tells its own subscribers about replacements.
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("hashchange", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("hashchange", listener);
  };
}

const currentHash = () => window.location.hash;

/** The route the address bar shows, re-rendering when it changes. */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, currentHash));
}

/**
 * Goes to a route. `replace` rewrites the current history entry instead of adding one: typing in
 * a search box or filling in a default should not make the Back button step through every keystroke.
 */
export function navigate(route: Route, { replace = false }: { replace?: boolean } = {}): void {
  const href = routeHref(route);
  if (href === window.location.hash) return;
  if (replace) {
    window.history.replaceState(window.history.state, "", href);
    for (const listener of listeners) listener();
  } else {
    window.location.hash = href;
  }
}
