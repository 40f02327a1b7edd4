/**
 * Reading the Cookie header and writing Set-Cookie (RFC 6265), just for the session cookie: no
 * dependency needed for that little. Values are taken as sent (the session token is base64url,
 * which needs no decoding).
 */

/** Cookie names and values from a Cookie header; for a name given twice, the first one. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (header === undefined) return cookies;
  for (const pair of header.split(";")) {
    const equals = pair.indexOf("=");
    if (equals < 0) continue;
    const name = pair.slice(0, equals).trim();
    let value = pair.slice(equals + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name !== "" && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

export type CookieAttributes = {
  readonly secure: boolean;
  /** Seconds; 0 removes the cookie. Without it, the cookie lasts as long as the browser session. */
  readonly maxAge?: number;
};

const cookieToken = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const cookieValue = /^[!#-+\--:<-[\]-~]*$/;

/** A Set-Cookie header value that only this site's own requests send back, and scripts cannot read. */
export function sessionCookie(name: string, value: string, attributes: CookieAttributes): string {
  if (!cookieToken.test(name)) throw new TypeError(`not a cookie name: ${name}`);
  if (!cookieValue.test(value)) throw new TypeError("a cookie value with characters a cookie cannot hold");
  return [
    `${name}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    ...(attributes.secure ? ["Secure"] : []),
    ...(attributes.maxAge === undefined ? [] : [`Max-Age=${attributes.maxAge}`]),
  ].join("; ");
}
