/** How dates and stored values read on the pages. */

/** Today in Great Britain, where the Code applies (YYYY-MM-DD). */
export function londonToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
}

/** An ISO instant as a short local date and time, for tables. */
export function shortTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/** A field as a cell: lists joined, objects as compact JSON, missing as empty. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(cellText).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * The server's message for the field at `path`, worded to stand beside that field: the leading
 * "… at path: " says no more than where it is shown, so "expected 1 to 720 hours" reads
 * "Expected 1 to 720 hours".
 */
export function besideField(path: string, message: string): string {
  const located = `at ${path}: `;
  const said = message.includes(located) ? message.slice(message.indexOf(located) + located.length) : message;
  return said.charAt(0).toUpperCase() + said.slice(1);
}
