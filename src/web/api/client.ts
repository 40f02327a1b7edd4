import type {
  ApiErrorBody,
  ClauseResponse,
  ClausesResponse,
  DiffResponse,
  EffectsResponse,
  RedlineResponse,
  VersionsResponse,
} from "./types.js";

/** What the API said went wrong, or "network" when it could not be reached at all. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

/** One GET the dashboard makes: its URL (also the key a view caches and reloads by) and how to load it. */
export type Endpoint<T> = { readonly url: string; readonly load: (signal: AbortSignal) => Promise<T> };

export function endpoint<T>(
  path: string,
  query: Readonly<Record<string, string | undefined>> = {},
): Endpoint<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  const url = search ? `${path}?${search}` : path;
  return { url, load: (signal) => getJson<T>(url, signal) };
}

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(0, "network", "the secg server could not be reached");
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = (body as Partial<ApiErrorBody> | undefined)?.error;
    throw new ApiError(
      response.status,
      problem?.code ?? "http",
      problem?.message ?? `the server answered ${response.status} ${response.statusText}`,
    );
  }
  if (body === undefined) throw new ApiError(response.status, "bad-response", "the server sent no JSON");
  return body as T;
}

const seg = encodeURIComponent;

/** The Code endpoints, in the shapes agreed with src/api. */
export const codeApi = {
  versions: () => endpoint<VersionsResponse>("/api/code/versions"),
  clauses: (label: string, q: string, part: string) =>
    endpoint<ClausesResponse>(`/api/code/versions/${seg(label)}/clauses`, { q, part }),
  clause: (id: string, on: string) => endpoint<ClauseResponse>(`/api/code/clauses/${seg(id)}`, { on }),
  diff: (oldLabel: string, newLabel: string, part: string) =>
    endpoint<DiffResponse>("/api/code/diff", { old: oldLabel, new: newLabel, part }),
  redline: (oldLabel: string, newLabel: string, clause: string) =>
    endpoint<RedlineResponse>("/api/code/redline", { old: oldLabel, new: newLabel, clause }),
  effects: (from: string, to: string) => endpoint<EffectsResponse>("/api/code/effects", { from, to }),
};
