import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/common/input-error.js";
import { readXml } from "../../../src/controls/duis/xml.js";

function failure(text: string): InputError {
  try {
    readXml(text);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

// These check the XML reader under the DUIS parser; the clause served is G6.1(a): ADT reads the
// Service Requests Users send, so it must read them as XML defines them, by namespace.
describe("XML reader", () => {
  it("resolves elements by namespace URI whatever the prefix", () => {
    const a = readXml('<a:R xmlns:a="urn:x"><a:H>1</a:H></a:R>');
    const b = readXml('<R xmlns="urn:x"><H>1</H></R>');
    for (const root of [a, b]) {
      expect(root).toMatchObject({ uri: "urn:x", local: "R" });
      expect(root.children[0]).toMatchObject({ uri: "urn:x", local: "H", text: "1" });
    }
  });

  it("scopes declarations to their element", () => {
    const root = readXml('<r xmlns:p="urn:1"><p:a xmlns:p="urn:2"/><p:b/><c xmlns=""/></r>');
    expect(root.children.map((c) => c.uri)).toEqual(["urn:2", "urn:1", ""]);
  });

  it("decodes entities, character references and CDATA, and keeps attributes unprefixed", () => {
    const root = readXml(`<r v='a&amp;b' x:y="1" xmlns:x="urn:x">&lt;&#65;&#x42;<![CDATA[<&>]]></r>`);
    expect(root.text).toBe("<AB<&>");
    expect(root.attributes).toEqual([
      { uri: "", local: "v", value: "a&b" },
      { uri: "urn:x", local: "y", value: "1" },
    ]);
  });

  it("numbers lines from the start of the document", () => {
    const root = readXml('<?xml version="1.0"?>\n<!-- c -->\n<r>\n  <a/>\n</r>\n');
    expect(root.line).toBe(3);
    expect(root.children[0]?.line).toBe(4);
  });

  it("refuses malformed documents with the line of the problem", () => {
    const cases: [string, RegExp, number][] = [
      ["<r>\n<a></b>\n</r>", /<\/a> to close/, 2],
      ["<r>\n<a>", /end tag <\/a>/, 2],
      ['<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>', /DTD/, 1],
      ["<r>&e;</r>", /known entity/, 1],
      ["<r>a & b</r>", /known entity/, 1],
      ["<p:r/>", /not declared/, 1],
      ['<r a="1" a="2"/>', /only once/, 1],
      ["<r a=1/>", /quoted value/, 1],
      ["<r/><s/>", /single root/, 1],
      ["text<r/>", /root element/, 1],
      ["<r/>\ntrailing", /after the root/, 2],
      ["", /a root element/, 1],
      ["<r>\u0001</r>", /U\+0001/, 1],
      ['<r xmlns:p=""/>', /namespace URI/, 1],
      ["<r>\n<!-- open", /comment/, 2],
      ["<r><?xml version='1.0'?></r>", /very start/, 1],
    ];
    for (const [text, message, line] of cases) {
      const error = failure(text);
      expect(error.expected, text).toMatch(/^well-formed XML/);
      expect(error.expected, text).toMatch(message);
      expect(error.where.line, text).toBe(line);
    }
  });
});
