import { useCallback, useEffect, useState } from "react";
import type { Endpoint } from "./client.js";

export type Resource<T> =
  | { readonly status: "idle" }
  /** `previous` is the last data loaded, for views that keep showing it while the next loads. */
  | { readonly status: "loading"; readonly previous?: T }
  | { readonly status: "error"; readonly error: Error }
  | { readonly status: "ok"; readonly data: T };

/**
 * Loads an endpoint whenever its URL changes, abandoning the previous request so a slow answer
 * never overwrites a newer one. `null` means there is nothing to load yet. `reload` retries.
 */
export function useResource<T>(target: Endpoint<T> | null): [Resource<T>, () => void] {
  const [state, setState] = useState<{ url: string | null; resource: Resource<T> }>({
    url: null,
    resource: { status: "idle" },
  });
  const [attempt, setAttempt] = useState(0);
  const url = target?.url ?? null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the URL identifies the request; `target` is a fresh object each render, and `attempt` forces a retry.
  useEffect(() => {
    if (target === null) {
      setState({ url: null, resource: { status: "idle" } });
      return;
    }
    const controller = new AbortController();
    setState(({ resource }) => ({ url: target.url, resource: loadingAfter(resource) }));
    target.load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ url: target.url, resource: { status: "ok", data } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = error instanceof Error ? error : new Error(String(error));
        setState({ url: target.url, resource: { status: "error", error: failure } });
      },
    );
    return () => controller.abort();
  }, [url, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // Until the effect runs for a new URL, report loading rather than the previous URL's data.
  const resource: Resource<T> =
    state.url === url ? state.resource : url === null ? { status: "idle" } : loadingAfter(state.resource);
  return [resource, reload];
}

function loadingAfter<T>(resource: Resource<T>): Resource<T> {
  if (resource.status === "ok") return { status: "loading", previous: resource.data };
  if (resource.status === "loading" && resource.previous !== undefined) return resource;
  return { status: "loading" };
}
