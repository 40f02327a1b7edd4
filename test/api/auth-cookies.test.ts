import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCookies, sessionCookie } from "../../src/api/cookies.js";

const name = fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/);
const value = fc.stringMatching(/^[A-Za-z0-9_-]{0,50}$/);

describe("cookie header parsing", () => {
  it("reads name=value pairs separated by semicolons, first occurrence winning", () => {
    expect(parseCookies('a=1; secg_session=abc; b="quoted"; a=2')).toEqual(
      new Map([
        ["a", "1"],
        ["secg_session", "abc"],
        ["b", "quoted"],
      ]),
    );
  });

  it("skips pieces without a name or an equals sign, and answers nothing for no header", () => {
    expect(parseCookies("junk; =x; ok=1;;")).toEqual(new Map([["ok", "1"]]));
    expect(parseCookies(undefined)).toEqual(new Map());
  });

  it("reads back every cookie a header is made of, whatever the spacing (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n, minLength: 1, maxLength: 8 }),
        fc.constantFrom(";", "; ", " ;  "),
        (pairs, separator) => {
          const parsed = parseCookies(pairs.map(([n, v]) => `${n}=${v}`).join(separator));
          expect(parsed).toEqual(new Map(pairs));
        },
      ),
    );
  });

  it("never throws on arbitrary header text (property)", () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        parseCookies(header);
      }),
    );
  });

  it("writes the session cookie HttpOnly, SameSite=Strict, Path=/, Secure over https", () => {
    expect(sessionCookie("secg_session", "abc", { secure: false })).toBe(
      "secg_session=abc; Path=/; HttpOnly; SameSite=Strict",
    );
    expect(sessionCookie("secg_session", "", { secure: true, maxAge: 0 })).toBe(
      "secg_session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0",
    );
    expect(() => sessionCookie("secg_session", "a;b", { secure: false })).toThrow(/cannot hold/);
  });
});
