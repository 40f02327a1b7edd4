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
  /** The request field at fault, when the server named one. */
  readonly path: string | undefined;
  /** Seconds to wait before trying again (Retry-After on 429), when the server said. */
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { path?: string | undefined; retryAfter?: number | undefined } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.path = extra.path;
    this.retryAfter = extra.retryAfter;
  }
}

/** The message a person reads for an error: the field at fault first, when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError && error.path && !error.message.includes(error.path)) {
    return `${error.path}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The session's CSRF token, sent on every unsafe request; the sign-in flow sets it from the login
 * or /api/auth/me answer. Kept in memory only, never in storage a script on another tab could read.
 */
let csrfToken = "";
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Told when the server says the session is gone (401), so the shell can show the sign-in page. */
let onUnauthorized: () => void = () => {};
export function whenUnauthorized(listener: () => void): void {
  onUnauthorized = listener;
}

/** One GET the dashboard makes: its URL (also the key a view caches and reloads by) and how to load it. */
export type Endpoint<T> = { readonly url: string; readonly load: (signal: AbortSignal) => Promise<T> };

export function withQuery(path: string, query: Readonly<Record<string, string | undefined>> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function endpoint<T>(
  path: string,
  query: Readonly<Record<string, string | undefined>> = {},
): Endpoint<T> {
  const url = withQuery(path, query);
  return { url, load: (signal) => request<T>("GET", url, { signal }) };
}

/** Several loads as one endpoint, side by side, answered in the items' order; `key` names the whole. */
export function endpointOfAll<I, T>(
  key: string,
  items: readonly I[],
  load: (item: I, signal: AbortSignal) => Promise<T>,
): Endpoint<T[]> {
  return { url: key, load: (signal) => Promise.all(items.map((item) => load(item, signal))) };
}

type RequestOptions = {
  readonly signal?: AbortSignal;
  /** A JSON value, or text sent as is with `contentType`. */
  readonly body?: unknown;
  readonly contentType?: string;
  /** Whether a 401 means "sign in again" (true) or is the answer itself (the sign-in form). */
  readonly signInOn401?: boolean;
};

const safeMethods = new Set(["GET", "HEAD"]);

/** A same-origin request with the session cookie; JSON back, or undefined for 204. */
export async function request<T>(method: string, url: string, options: RequestOptions = {}): Promise<T> {
  const response = await fetchResponse(method, url, options);
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (body === undefined) throw new ApiError(response.status, "bad-response", "the server sent no JSON");
  return body as T;
}

/** The same request, answered as a file (a calendar, a PDF) to hand to the browser. */
export async function requestBlob(method: string, url: string, options: RequestOptions = {}): Promise<Blob> {
  return (await fetchResponse(method, url, options)).blob();
}

/**
 * A POST answered as JSON Lines (a long replay's progress), each line handed to `onLine` as it
 * arrives. A refusal before the first line comes back as any other request's error.
 */
export async function postStreaming(
  url: string,
  body: unknown,
  onLine: (line: unknown) => void,
  signal?: AbortSignal,
): Promise<void> {
  const response = await fetchResponse("POST", url, { body, ...(signal ? { signal } : {}) });
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) throw new ApiError(response.status, "bad-response", "the server sent no lines");
  let pending = "";
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    const lines = (pending + chunk.value).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) onLine(JSON.parse(line));
  }
  if (pending.trim()) onLine(JSON.parse(pending));
}

async function fetchResponse(method: string, url: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (!safeMethods.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;
  let body: string | undefined;
  if (options.body !== undefined) {
    const asText = typeof options.body === "string" && options.contentType !== undefined;
    headers["content-type"] = asText ? options.contentType! : "application/json";
    body = asText ? (options.body as string) : JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      ...(body === undefined ? {} : { body }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, "network", "the secg server could not be reached");
  }
  if (response.ok) return response;
  const problem = ((await response.json().catch(() => undefined)) as Partial<ApiErrorBody> | undefined)
    ?.error;
  const retryAfter = Number(response.headers.get("retry-after") ?? Number.NaN);
  const error = new ApiError(
    response.status,
    problem?.code ?? "http",
    problem?.message ?? `the server answered ${response.status} ${response.statusText}`,
    { path: problem?.path, retryAfter: Number.isFinite(retryAfter) ? retryAfter : undefined },
  );
  if (response.status === 401 && options.signInOn401 !== false) onUnauthorized();
  throw error;
}

/** A change: POST, PUT or DELETE with the CSRF token. */
export function send<T>(
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  body?: unknown,
): Promise<T> {
  return request<T>(method, url, body === undefined ? {} : { body });
}

/**
 * A large body sent with upload progress (fetch reports none): `onProgress` gets the fraction
 * sent, from 0 to 1. Errors come back in the same form as every other request's.
 */
export function upload<T>(
  url: string,
  body: Blob,
  contentType: string,
  onProgress: (sent: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", contentType);
    xhr.setRequestHeader("accept", "application/json");
    if (csrfToken) xhr.setRequestHeader("x-csrf-token", csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "the secg server could not be reached"));
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(parsed as T);
        return;
      }
      const problem = (parsed as Partial<ApiErrorBody> | undefined)?.error;
      if (xhr.status === 401) onUnauthorized();
      reject(
        new ApiError(
          xhr.status,
          problem?.code ?? "http",
          problem?.message ?? `the server answered ${xhr.status}`,
          {
            path: problem?.path,
          },
        ),
      );
    };
    xhr.send(body);
  });
}

export const seg = encodeURIComponent;

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
