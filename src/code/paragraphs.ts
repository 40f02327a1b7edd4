import { firstLabel, follows, type LabelKind, labelKinds, lookAlike, nextLabel } from "./labels.js";
import type { Block } from "./structure.js";
import { endsListItem, introducesList, joinWords } from "./text.js";
import type { Paragraph, ParseProblem } from "./types.js";

/**
 * A clause's blocks become its paragraph tree. Nesting follows the kind of label (letter →
 * roman → capital), not indentation, which conversions get wrong. Unlabelled text after a
 * paragraph closes it (a paragraph's tail, or the clause's trailing words); an unlabelled list
 * item between labels whose sequence has a gap has lost its label, which is inferred and reported.
 */

type Node = {
  readonly label: string;
  readonly kind: LabelKind;
  readonly inferred: boolean;
  readonly text: string[];
  readonly tail: string[];
  readonly children: Node[];
};

type Placement = { readonly level: number; readonly kind: LabelKind };

type Guess = { readonly label: string } & Placement;

/** The tree while it is built: the open paragraphs from the top level down, and unplaced text. */
type Tree = {
  readonly blocks: readonly Block[];
  readonly intro: string[];
  readonly roots: Node[];
  readonly stack: Node[];
  pending: string[];
  readonly problems: ParseProblem[];
};

export type ClauseBody = {
  readonly intro: string;
  readonly paragraphs: readonly Paragraph[];
  readonly trailing: string;
  readonly problems: readonly ParseProblem[];
};

const NESTING: readonly LabelKind[] = ["letter", "roman", "capital"];

function freeze(node: Node, parentId: string): Paragraph {
  const id = `${parentId}(${node.label})`;
  const tail = joinWords(node.tail);
  return {
    label: node.label,
    id,
    text: joinWords(node.text),
    children: node.children.map((child) => freeze(child, id)),
    ...(tail === "" ? {} : { tail }),
    ...(node.inferred ? { inferred: true } : {}),
  };
}

/** Where a label can go: after a sibling it follows, or as the first child of the deepest paragraph. */
function placements({ stack }: Tree, label: string): Placement[] {
  const found: Placement[] = [];
  for (let level = stack.length - 1; level >= 0; level--) {
    const node = stack[level]!;
    if (follows(node.label, label, node.kind)) found.push({ level, kind: node.kind });
  }
  for (const kind of labelKinds(label)) {
    if (firstLabel(kind) === label && !stack.some((node) => node.kind === kind))
      found.push({ level: stack.length, kind });
  }
  return found;
}

/** Among several readings, the one the next label continues; else a colon opens a sub-list. */
function choose(tree: Tree, label: string, options: readonly Placement[], index: number): Placement {
  if (options.length === 1) return options[0]!;
  const after = tree.blocks.find((block, i) => i > index && block.kind === "label");
  const continued = after ? options.filter((option) => follows(label, after.label, option.kind)) : [];
  if (continued.length === 1) return continued[0]!;
  const deepest = tree.stack.at(-1);
  const child = options.find((option) => option.level === tree.stack.length);
  if (child && deepest && introducesList(deepest.text.join(" "))) return child;
  return options.find((option) => option.level < tree.stack.length) ?? options[0]!;
}

function place(tree: Tree, label: string, at: Placement, text: string, inferred: boolean): void {
  const { stack } = tree;
  if (tree.pending.length > 0) {
    const previous = stack[at.level];
    if (previous) previous.tail.push(...tree.pending);
    else if (at.level === 0) tree.intro.push(...tree.pending);
    else stack[at.level - 1]!.text.push(...tree.pending);
    tree.pending = [];
  }
  const node: Node = { label, kind: at.kind, inferred, text: [text], tail: [], children: [] };
  (at.level === 0 ? tree.roots : stack[at.level - 1]!.children).push(node);
  stack.length = at.level;
  stack.push(node);
}

function placeLabelled(tree: Tree, block: Block, index: number): void {
  let label = block.label;
  let options = placements(tree, label);
  const alternative = lookAlike(label);
  if (options.length === 0 && alternative !== undefined && placements(tree, alternative).length > 0) {
    tree.problems.push({
      line: block.line,
      message: `label (${label}) read as (${alternative}), which the sequence expects`,
    });
    label = alternative;
    options = placements(tree, label);
  }
  if (options.length === 0) {
    const { stack } = tree;
    const previous = stack.at(-1);
    tree.problems.push({
      line: block.line,
      message: `paragraph (${label}) out of sequence${previous ? ` after (${previous.label})` : ""}`,
    });
    const kinds = labelKinds(label);
    const level = stack.findLastIndex((node) => kinds.includes(node.kind));
    options = [level >= 0 ? { level, kind: stack[level]!.kind } : { level: stack.length, kind: kinds[0]! }];
  }
  place(tree, label, choose(tree, label, options, index), block.text, false);
}

/** The label an unlabelled list item lost, when its neighbours say so unambiguously. */
function guessLabel(tree: Tree, index: number): Guess | "ambiguous" | undefined {
  const { stack, blocks } = tree;
  const block = blocks[index]!;
  const candidates: Guess[] = stack.map((node, level) => ({
    label: nextLabel(node.label, node.kind),
    level,
    kind: node.kind,
  }));
  for (const kind of NESTING) {
    if (!stack.some((node) => node.kind === kind))
      candidates.push({ label: firstLabel(kind), level: stack.length, kind });
  }
  // The item's own sub-list (when it ends with a colon) says nothing about its label: skip it.
  const childKinds = new Set<LabelKind>();
  for (let i = index + 1; i < blocks.length; i++) {
    const after = blocks[i]!;
    if (after.kind !== "label") continue;
    const kinds = labelKinds(after.label);
    const opens = kinds.filter((kind) => firstLabel(kind) === after.label);
    if (introducesList(block.text) && (opens.length > 0 || kinds.some((kind) => childKinds.has(kind)))) {
      for (const kind of opens) childKinds.add(kind);
      continue;
    }
    const matches = candidates.filter((candidate) => follows(candidate.label, after.label, candidate.kind));
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) return "ambiguous";
    break;
  }
  const deepest = stack.at(-1);
  if (tree.pending.length > 0 || !deepest || !endsListItem([...deepest.text, ...deepest.tail].join(" ")))
    return undefined;
  return stack.length === 1 ? candidates[0] : "ambiguous";
}

export function buildParagraphs(clauseId: string, intro: string, blocks: readonly Block[]): ClauseBody {
  const tree: Tree = { blocks, intro: [intro], roots: [], stack: [], pending: [], problems: [] };
  blocks.forEach((block, index) => {
    if (block.kind === "label") {
      placeLabelled(tree, block, index);
      return;
    }
    const guess = block.item ? guessLabel(tree, index) : undefined;
    if (guess === "ambiguous") {
      tree.problems.push({
        line: block.line,
        message: "unlabelled list item whose label cannot be told; kept as text",
      });
    } else if (guess) {
      tree.problems.push({
        line: block.line,
        message: `paragraph label missing; read as (${guess.label}) from its neighbours`,
      });
      place(tree, guess.label, guess, block.text, true);
      return;
    }
    if (tree.roots.length === 0 && tree.pending.length === 0) tree.intro.push(block.text);
    else tree.pending.push(block.text);
  });
  return {
    intro: joinWords(tree.intro),
    paragraphs: tree.roots.map((node) => freeze(node, clauseId)),
    trailing: joinWords(tree.pending),
    problems: tree.problems,
  };
}
