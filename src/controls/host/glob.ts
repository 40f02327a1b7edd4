/**
 * Allowlists name packages and executable paths by glob: `*` and `?` stay within one path
 * segment, `**` crosses segments. All patterns of a list compile into one expression, so checking
 * a name costs one match however long the list is.
 */
export function globMatcher(patterns: readonly string[]): (name: string) => boolean {
  if (patterns.length === 0) return () => false;
  const source = patterns.map(globSource).join("|");
  const regex = new RegExp(`^(?:${source})$`);
  return (name) => regex.test(name);
}

function globSource(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      out += ".*";
      i++;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return out;
}
