import { InputError } from "../../common/input-error.js";

/**
 * A small, strict, namespace-aware XML reader: enough of XML 1.0 and Namespaces in XML to read
 * DUIS messages by namespace URI rather than by whatever prefix a sender chose. It checks
 * well-formedness (one root, matching tags, quoted attributes, known entities, declared
 * prefixes) and refuses DTDs outright, so no entity expansion or external fetch can happen.
 * It builds a plain tree; DUIS messages are a few kilobytes, and measuring showed this beats a
 * general parser plus a separate namespace pass (bench/adt.bench.ts, `adt.duis`).
 */

export type XmlAttribute = { readonly uri: string; readonly local: string; readonly value: string };

export type XmlElement = {
  /** Namespace URI, "" when the element is in no namespace. */
  readonly uri: string;
  readonly local: string;
  readonly qname: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** Character data directly inside the element, entities and CDATA decoded. */
  readonly text: string;
  /** 1-based line of the start tag. */
  readonly line: number;
};

type Open = {
  uri: string;
  local: string;
  qname: string;
  attributes: XmlAttribute[];
  children: Open[];
  text: string;
  line: number;
  scope: ReadonlyMap<string, string>;
};

const xmlNamespace = "http://www.w3.org/XML/1998/namespace";
const initialScope: ReadonlyMap<string, string> = new Map([["xml", xmlNamespace]]);
// biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters; finding them is the point.
const forbiddenCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const predefined: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Reads one XML document; any flaw is an InputError with the line it was found on. */
export function readXml(text: string): XmlElement {
  const n = text.length;
  const fail: (offset: number, expected: string) => never = (offset, expected) => {
    throw new InputError({ line: lineAt(text, offset) }, `well-formed XML (${expected})`);
  };

  const control = forbiddenCharacter.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    fail(control.index, `no control character U+${code}`);
  }

  // Line numbers of start tags are found with a cursor that only moves forward.
  let lineCursor = 0;
  let line = 1;
  const lineOf = (offset: number): number => {
    for (let nl = text.indexOf("\n", lineCursor); nl >= 0 && nl < offset; nl = text.indexOf("\n", nl + 1)) {
      line++;
      lineCursor = nl + 1;
    }
    return line;
  };

  const decode = (raw: string, offset: number): string => {
    if (!raw.includes("&")) return raw;
    let out = "";
    let from = 0;
    for (let amp = raw.indexOf("&"); amp >= 0; amp = raw.indexOf("&", from)) {
      const semi = raw.indexOf(";", amp);
      const name = semi < 0 ? "" : raw.slice(amp + 1, semi);
      const char = entity(name);
      if (char === undefined) {
        fail(offset + amp, "'&' to start a known entity such as &amp; or &#38;");
      }
      out += raw.slice(from, amp) + char;
      from = semi + 1;
    }
    return out + raw.slice(from);
  };

  const readName = (start: number): number => {
    let end = start;
    if (end < n && isNameStart(text.charCodeAt(end))) {
      end++;
      while (end < n && isNameChar(text.charCodeAt(end))) end++;
    }
    return end;
  };

  const skipPast = (from: number, terminator: string, what: string): number => {
    const at = text.indexOf(terminator, from);
    if (at < 0) fail(n, `${what} closed by ${terminator}`);
    return at + terminator.length;
  };

  const resolve = (
    qname: string,
    scope: ReadonlyMap<string, string>,
    isAttribute: boolean,
    offset: number,
  ) => {
    const colon = qname.indexOf(":");
    if (colon < 0) return { uri: isAttribute ? "" : (scope.get("") ?? ""), local: qname };
    const prefix = qname.slice(0, colon);
    const local = qname.slice(colon + 1);
    if (prefix === "" || local === "" || local.includes(":")) {
      fail(offset, `a name with at most one ':' between prefix and local name, found "${qname}"`);
    }
    const uri = scope.get(prefix);
    if (uri === undefined || uri === "")
      fail(offset, `a declared namespace prefix, "${prefix}" is not declared`);
    return { uri, local };
  };

  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (
    text.startsWith("<?xml", pos) &&
    (isSpace(text.charCodeAt(pos + 5)) || text.startsWith("?>", pos + 5))
  ) {
    pos = skipPast(pos + 5, "?>", "the XML declaration");
  }

  let root: Open | undefined;
  const stack: Open[] = [];

  while (pos < n) {
    const lt = text.indexOf("<", pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos) {
      const top = stack[stack.length - 1];
      if (top) {
        top.text += decode(text.slice(pos, textEnd), pos);
      } else {
        const stray = text.slice(pos, textEnd).search(/\S/);
        if (stray >= 0) {
          fail(
            pos + stray,
            root ? "nothing but comments after the root element" : "'<' to start the root element",
          );
        }
      }
    }
    if (lt < 0) break;
    pos = lt;

    if (text.startsWith("<!--", pos)) {
      pos = skipPast(pos + 4, "-->", "a comment");
      continue;
    }
    if (text.startsWith("<![CDATA[", pos)) {
      const top = stack[stack.length - 1];
      if (!top) fail(pos, "CDATA only inside the root element");
      const end = skipPast(pos + 9, "]]>", "a CDATA section");
      top.text += text.slice(pos + 9, end - 3);
      pos = end;
      continue;
    }
    if (text.startsWith("<!", pos)) fail(pos, "no DOCTYPE or other declaration (DTDs are not accepted)");
    if (text.startsWith("<?", pos)) {
      const targetEnd = readName(pos + 2);
      const target = text.slice(pos + 2, targetEnd);
      if (target === "") fail(pos, "a processing instruction name after '<?'");
      if (target.toLowerCase() === "xml") fail(pos, "the XML declaration only at the very start");
      pos = skipPast(targetEnd, "?>", "a processing instruction");
      continue;
    }

    if (text.startsWith("</", pos)) {
      const nameEnd = readName(pos + 2);
      const qname = text.slice(pos + 2, nameEnd);
      let close = nameEnd;
      while (close < n && isSpace(text.charCodeAt(close))) close++;
      if (text.charCodeAt(close) !== 62) fail(close, `'>' to end the end tag </${qname}`);
      const top = stack.pop();
      if (!top) fail(pos, `no end tag </${qname}> outside the root element`);
      if (top.qname !== qname) {
        fail(pos, `</${top.qname}> to close the element opened on line ${top.line}, found </${qname}>`);
      }
      pos = close + 1;
      continue;
    }

    // A start tag.
    const nameEnd = readName(pos + 1);
    const qname = text.slice(pos + 1, nameEnd);
    if (qname === "") fail(pos, "an element name after '<'");
    if (root && stack.length === 0) fail(pos, "a single root element, found a second one");
    const raw: { qname: string; value: string; offset: number }[] = [];
    let cursor = nameEnd;
    let selfClosing = false;
    for (;;) {
      const spaceFrom = cursor;
      while (cursor < n && isSpace(text.charCodeAt(cursor))) cursor++;
      const c = text.charCodeAt(cursor);
      if (c === 62) {
        cursor++;
        break;
      }
      if (c === 47 && text.charCodeAt(cursor + 1) === 62) {
        cursor += 2;
        selfClosing = true;
        break;
      }
      if (cursor >= n) fail(n, `the end of the start tag <${qname}`);
      if (cursor === spaceFrom) fail(cursor, `white space, '>' or '/>' after <${qname}`);
      const attrEnd = readName(cursor);
      const attrName = text.slice(cursor, attrEnd);
      if (attrName === "") fail(cursor, `an attribute name, '>' or '/>' in <${qname}>`);
      let eq = attrEnd;
      while (eq < n && isSpace(text.charCodeAt(eq))) eq++;
      if (text.charCodeAt(eq) !== 61) fail(eq, `'=' after the attribute ${attrName}`);
      let open = eq + 1;
      while (open < n && isSpace(text.charCodeAt(open))) open++;
      const quoteChar = text[open];
      if (quoteChar !== '"' && quoteChar !== "'") fail(open, `a quoted value for the attribute ${attrName}`);
      const close = text.indexOf(quoteChar, open + 1);
      if (close < 0) fail(n, `the closing quote of the attribute ${attrName}`);
      const rawValue = text.slice(open + 1, close);
      const lt = rawValue.indexOf("<");
      if (lt >= 0) fail(open + 1 + lt, `no '<' inside the value of the attribute ${attrName}`);
      if (raw.some((a) => a.qname === attrName)) fail(cursor, `the attribute ${attrName} only once`);
      raw.push({
        qname: attrName,
        value: decode(rawValue, open + 1).replace(/[\t\n\r]/g, " "),
        offset: cursor,
      });
      cursor = close + 1;
    }

    const parent = stack[stack.length - 1];
    let scope = parent ? parent.scope : initialScope;
    for (const attr of raw) {
      const prefix =
        attr.qname === "xmlns" ? "" : attr.qname.startsWith("xmlns:") ? attr.qname.slice(6) : undefined;
      if (prefix === undefined) continue;
      if (prefix === "xmlns" || (prefix === "xml") !== (attr.value === xmlNamespace)) {
        fail(attr.offset, `no declaration that rebinds the reserved prefix or namespace in ${attr.qname}`);
      }
      if (prefix !== "" && attr.value === "") fail(attr.offset, `a namespace URI for ${attr.qname}`);
      if (scope === initialScope || scope === parent?.scope) scope = new Map(scope);
      (scope as Map<string, string>).set(prefix, attr.value);
    }
    const name = resolve(qname, scope, false, pos);
    const attributes: XmlAttribute[] = [];
    for (const attr of raw) {
      if (attr.qname === "xmlns" || attr.qname.startsWith("xmlns:")) continue;
      const { uri, local } = resolve(attr.qname, scope, true, attr.offset);
      attributes.push({ uri, local, value: attr.value });
    }
    const element: Open = {
      uri: name.uri,
      local: name.local,
      qname,
      attributes,
      children: [],
      text: "",
      line: lineOf(pos),
      scope,
    };
    if (parent) parent.children.push(element);
    else root = element;
    if (!selfClosing) stack.push(element);
    pos = cursor;
  }

  const unclosed = stack[stack.length - 1];
  if (unclosed) fail(n, `the end tag </${unclosed.qname}> for the element opened on line ${unclosed.line}`);
  if (!root) fail(n, "a root element");
  return root;
}

function entity(name: string): string | undefined {
  const named = predefined[name];
  if (named !== undefined) return named;
  const digits = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(name);
  if (!digits) return undefined;
  const code = digits[1] === undefined ? Number(digits[2]) : Number.parseInt(digits[1], 16);
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let nl = text.indexOf("\n"); nl >= 0 && nl < offset; nl = text.indexOf("\n", nl + 1)) line++;
  return line;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}
