/** The words around a search hit, so a result shows why it matched when the hit is not in its heading. */
export type Snippet = { readonly before: string; readonly match: string; readonly after: string };

/** Up to `radius` characters either side of the first case-insensitive match of `query`, if any. */
export function searchSnippet(text: string, query: string, radius = 48): Snippet | undefined {
  const needle = query.trim();
  if (needle === "") return undefined;
  // A regex rather than toLowerCase + indexOf: lower-casing can change a string's length, which
  // would misplace the hit in the original text.
  const found = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "iu").exec(text);
  if (found === null) return undefined;
  const at = found.index;
  const hitEnd = at + found[0].length;
  const start = Math.max(0, at - radius);
  const end = Math.min(text.length, hitEnd + radius);
  return {
    before: (start > 0 ? "…" : "") + text.slice(start, at),
    match: found[0],
    after: text.slice(hitEnd, end) + (end < text.length ? "…" : ""),
  };
}
