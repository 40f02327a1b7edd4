/** Writes DUIS XML Service Requests for tests, with the header a request needs and a small body. */
export type RenderSpec = {
  readonly requestId: string;
  readonly commandVariant: number | string;
  readonly serviceReference: string;
  readonly srv: string;
  /** The prefix bound to the DUIS namespace; "" for the default namespace. */
  readonly prefix?: string;
  readonly namespace?: string;
  readonly schemaVersion?: string;
  /** Put between header elements, e.g. comments or white space. */
  readonly filler?: string;
};

export const duisNs = "http://www.dccinterface.co.uk/ServiceUserGateway";

export function renderRequest(spec: RenderSpec): string {
  const p = spec.prefix ?? "sr";
  const q = (local: string) => (p === "" ? local : `${p}:${local}`);
  const xmlns = p === "" ? "xmlns" : `xmlns:${p}`;
  const filler = spec.filler ?? "\n    ";
  const el = (local: string, text: string | number) => `<${q(local)}>${text}</${q(local)}>`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<${q("Request")} ${xmlns}="${spec.namespace ?? duisNs}" schemaVersion="${spec.schemaVersion ?? "5.4"}">`,
    `  <${q("Header")}>${filler}${el("RequestID", spec.requestId)}${filler}${el("CommandVariant", spec.commandVariant)}${filler}${el("ServiceReference", spec.serviceReference)}${filler}${el("ServiceReferenceVariant", spec.srv)}`,
    `  </${q("Header")}>`,
    `  <${q("Body")}><${q("Payload")} note="test &amp; only"><![CDATA[<raw>]]></${q("Payload")}></${q("Body")}>`,
    `</${q("Request")}>`,
    "",
  ].join("\n");
}

export const sampleSpec: RenderSpec = {
  requestId: "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1001",
  commandVariant: 5,
  serviceReference: "7.2",
  srv: "7.2",
};
