import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textSha256 } from "../../src/workspace/code-versions.js";

const line = fc.string({ unit: fc.constantFrom("a", "b", "G", "3", ".", " ", "(", ")"), maxLength: 30 });
const document = fc.array(line, { minLength: 1, maxLength: 12 });

describe("textSha256", () => {
  it("ignores line endings, trailing spaces, trailing blank lines and a byte-order mark", () => {
    // G3.20 imported twice from differently saved copies of one text is one version, not two.
    fc.assert(
      fc.property(document, fc.constantFrom("\n", "\r\n", "\r"), fc.nat(3), (lines, newline, blanks) => {
        const plain = lines.join("\n");
        const resaved = `\uFEFF${lines.map((text) => `${text}  `).join(newline)}${newline.repeat(blanks)}`;
        expect(textSha256(resaved)).toBe(textSha256(plain));
      }),
    );
  });

  it("tells texts apart when their words differ", () => {
    fc.assert(
      fc.property(document, fc.nat(), (lines, at) => {
        const index = at % lines.length;
        const changed = lines.map((text, i) => (i === index ? `${text.trimEnd()} x` : text));
        expect(textSha256(changed.join("\n"))).not.toBe(textSha256(lines.join("\n")));
      }),
    );
  });
});
