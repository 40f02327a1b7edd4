import { describe, expect, it } from "vitest";
import {
  argon2Parameters,
  checkPasswordRules,
  hashPassword,
  oneTimePassword,
  verifyAgainstDummy,
  verifyPassword,
} from "../../../src/workspace/auth/passwords.js";

describe("password hashing", () => {
  it("stores argon2id at no less than the OWASP minimum cost, salted afresh each time", async () => {
    const hash = await hashPassword("a long enough secret");
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$[A-Za-z0-9+/]+$/.exec(hash);
    expect(match).not.toBeNull();
    const [, m, t, p, salt] = match!;
    expect(Number(m)).toBeGreaterThanOrEqual(19_456);
    expect(Number(t)).toBeGreaterThanOrEqual(2);
    expect(Number(p)).toBe(argon2Parameters.parallelism);
    expect(Buffer.from(salt!, "base64").length).toBe(16);
    expect(await hashPassword("a long enough secret")).not.toBe(hash);
  });

  it("verifies the right password and refuses a wrong one or a damaged hash", async () => {
    const hash = await hashPassword("a long enough secret");
    expect(await verifyPassword("a long enough secret", hash)).toBe(true);
    expect(await verifyPassword("a long enough secreT", hash)).toBe(false);
    expect(await verifyPassword("a long enough secret", "$argon2id$nonsense")).toBe(false);
    expect(await verifyAgainstDummy("a long enough secret")).toBe(false);
  });

  it("refuses passwords shorter than 12 characters or containing the username", () => {
    expect(() => checkPasswordRules("short-pass1", "alice")).toThrow(
      /at password: expected a password of 12 to 256/,
    );
    expect(() => checkPasswordRules("my-ALICE-password", "alice")).toThrow(/does not contain the username/);
    expect(() => checkPasswordRules("twelve chars", "alice")).not.toThrow();
    // Characters, not UTF-16 units: twelve emoji are twelve characters.
    expect(() => checkPasswordRules("🔑".repeat(12), "alice")).not.toThrow();
    expect(() => checkPasswordRules("x".repeat(257), "alice")).toThrow(/12 to 256/);
  });

  it("makes one-time passwords of 24 URL-safe characters", () => {
    const passwords = new Set(Array.from({ length: 20 }, oneTimePassword));
    expect(passwords.size).toBe(20);
    for (const p of passwords) expect(p).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});
