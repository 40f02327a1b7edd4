import type { ReactNode } from "react";
import { shortTime } from "./format.js";

/** An instant in the reader's local time, with UTC in its title (for comparing with logs). */
export function Time({ iso }: { iso: string }): ReactNode {
  const date = new Date(iso);
  const utc = Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={utc}>
      {shortTime(iso)}
    </time>
  );
}
