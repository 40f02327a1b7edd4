/**
 * Words broken at a line end. The rule: a line ending in a letter and a hyphen, followed by a
 * line starting with a letter, is one word. The hyphen is kept ("Sub-\nCommittee" →
 * "Sub-Committee") unless the document itself writes the closed-up word elsewhere and never the
 * hyphenated pair ("secur-\nity" → "security" when "security" occurs). Legal text is rarely
 * auto-hyphenated, so keeping the hyphen is the safe default for compounds.
 */

/** Answers, for a word broken at a hyphen, whether the document writes it with the hyphen. */
export type Vocabulary = { readonly keepsHyphen: (head: string, tail: string) => boolean };

/**
 * Looks words up in the document itself, only for the few broken words it meets (cached), so
 * a document with no breaks pays nothing.
 */
export function vocabularyOf(text: string): Vocabulary {
  const answers = new Map<string, boolean>();
  let lower: string | undefined;
  const isLetter = (char: string | undefined) => char !== undefined && char >= "a" && char <= "z";
  /** Whether the document writes `word` as a word of its own (any case). */
  const written = (word: string) => {
    lower ??= text.toLowerCase();
    const wanted = word.toLowerCase();
    for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + 1)) {
      if (!isLetter(lower[at - 1]) && !isLetter(lower[at + wanted.length])) return true;
    }
    return false;
  };
  return {
    keepsHyphen(head, tail) {
      const key = `${head}-${tail}`.toLowerCase();
      let keep = answers.get(key);
      if (keep === undefined) {
        keep = !written(`${head}${tail}`) || written(`${head}-${tail}`);
        answers.set(key, keep);
      }
      return keep;
    },
  };
}

const BROKEN_END = /([A-Za-z]+)-$/;
const WORD_START = /^([A-Za-z]+)/;

/** Joins a continuation line onto the text before it, mending a word broken at the line end. */
export function joinLines(left: string, right: string, vocabulary: Vocabulary): string {
  const head = BROKEN_END.exec(left);
  const tail = WORD_START.exec(right);
  if (head && tail && !/\s-$/.test(left)) {
    const hyphen = vocabulary.keepsHyphen(head[1]!, tail[1]!) ? "-" : "";
    return `${left.slice(0, -1)}${hyphen}${right}`;
  }
  if (left === "") return right;
  return `${left} ${right}`;
}

/**
 * Mends a word that conversion left broken inside a line ("Sub- Committee", the trace of a line
 * end in the original). A hyphen followed by "and", "or" or "nor" is a real suspended hyphen
 * ("pre- and post-") and stays.
 */
export function mendBrokenWords(text: string, vocabulary: Vocabulary): string {
  if (!text.includes("- ")) return text;
  return text.replace(/\b([A-Za-z]+)- (?!(?:and|or|nor)\b)([A-Za-z]+)/g, (_, head: string, tail: string) =>
    vocabulary.keepsHyphen(head, tail) ? `${head}-${tail}` : `${head}${tail}`,
  );
}
