import type { RedlineSpan } from "./types.js";

/**
 * A word-level redline of one clause: Myers' O(ND) shortest edit script over word and
 * whitespace tokens, after trimming the common head and tail. Joining the equal and deleted
 * spans gives the old text back; joining the equal and inserted spans gives the new text.
 */

function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

type Op = RedlineSpan["op"];

/**
 * Edit script between a and b as one op per token, by Myers' greedy algorithm. Each step keeps
 * only the diagonals it can reach (k in -d-1 … d+1), so memory grows with the square of the
 * number of edits, not with the length of the texts.
 */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const previous = trace[d]!;
    const at = (k: number) => previous[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push("equal");
      x--;
      y--;
    }
    ops.push(down ? "insert" : "delete");
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push("equal");
    x--;
    y--;
  }
  return ops.reverse();
}

function push(spans: RedlineSpan[], op: Op, text: string): void {
  if (text === "") return;
  const last = spans.at(-1);
  if (last && last.op === op) spans[spans.length - 1] = { op, text: last.text + text };
  else spans.push({ op, text });
}

/**
 * Reads better as whole phrases: a lone space kept between two changes joins them, and within a
 * run of changes all deletions come before all insertions.
 */
function tidy(spans: readonly RedlineSpan[]): RedlineSpan[] {
  const out: RedlineSpan[] = [];
  let deleted = "";
  let inserted = "";
  const flush = () => {
    push(out, "delete", deleted);
    push(out, "insert", inserted);
    deleted = "";
    inserted = "";
  };
  spans.forEach((span, index) => {
    const bridging =
      span.op === "equal" &&
      /^\s+$/.test(span.text) &&
      (deleted !== "" || inserted !== "") &&
      spans[index + 1] !== undefined &&
      spans[index + 1]!.op !== "equal";
    if (span.op === "delete" || bridging) deleted += span.text;
    if (span.op === "insert" || bridging) inserted += span.text;
    if (span.op === "equal" && !bridging) {
      flush();
      push(out, "equal", span.text);
    }
  });
  flush();
  return out;
}

export function diffWords(before: string, after: string): RedlineSpan[] {
  const a = tokens(before);
  const b = tokens(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const middleA = a.slice(head, a.length - tail);
  const middleB = b.slice(head, b.length - tail);

  const spans: RedlineSpan[] = [];
  push(spans, "equal", a.slice(0, head).join(""));
  let i = 0;
  let j = 0;
  for (const op of editScript(middleA, middleB)) {
    if (op === "equal") {
      push(spans, "equal", middleA[i++]!);
      j++;
    } else if (op === "delete") push(spans, "delete", middleA[i++]!);
    else push(spans, "insert", middleB[j++]!);
  }
  push(spans, "equal", a.slice(a.length - tail).join(""));
  return tidy(spans);
}

/** The text a redline was made from ("before") or leads to ("after"). */
export function applyRedline(spans: readonly RedlineSpan[], side: "before" | "after"): string {
  const skip = side === "before" ? "insert" : "delete";
  return spans
    .filter((span) => span.op !== skip)
    .map((span) => span.text)
    .join("");
}
