import type { ReactNode } from "react";
import { ApiError } from "../api/client.js";
import type { Resource } from "../api/use-resource.js";

type Props<T> = {
  readonly resource: Resource<T>;
  /** What is being loaded, in words: "versions", "clause G2.1". */
  readonly what: string;
  readonly onRetry: () => void;
  /**
   * Keep showing the last data while the next loads (marked busy), instead of a loading line:
   * for lists that reload as a person types, where blanking them on every pause would flicker.
   */
  readonly keepPrevious?: boolean;
  readonly children: (data: T) => ReactNode;
};

/** The loading and error states every view shares, so none of them is left blank or silent. */
export function ResourceView<T>({ resource, what, onRetry, keepPrevious, children }: Props<T>): ReactNode {
  switch (resource.status) {
    case "idle":
      return null;
    case "loading":
      if (keepPrevious && resource.previous !== undefined) {
        return (
          <div className="stale" aria-busy="true">
            {children(resource.previous)}
          </div>
        );
      }
      return (
        <p className="status" role="status">
          Loading {what}…
        </p>
      );
    case "error":
      // A refusal is the answer for this role, not a failure to retry.
      if (resource.error instanceof ApiError && resource.error.status === 403) {
        return (
          <p className="status">
            Your role does not give access to {what} ({resource.error.message}).
          </p>
        );
      }
      return (
        <div className="error" role="alert">
          <p>
            Could not load {what}: {resource.error.message}.
          </p>
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      );
    case "ok":
      return children(resource.data);
  }
}
