import { InputError, inFile } from "../../common/input-error.js";
import { parseCommandVariant, parseRequestId, quote, type RequestIdParts } from "./identifiers.js";
import { type CommandVariant, serviceRequest } from "./service-requests.js";
import { readXml, type XmlElement } from "./xml.js";

/** The DUIS namespace; its prefix is whatever the sender declared. */
export const duisNamespace = "http://www.dccinterface.co.uk/ServiceUserGateway";

/** What the ADT engine and the `secg duis parse` command need from a DUIS Service Request header. */
export type DuisRequest = RequestIdParts & {
  readonly commandVariant: CommandVariant;
  readonly serviceReference: string;
  readonly srv: string;
  /** A Critical Service Request per the DUIS catalogue. */
  readonly critical: boolean;
  readonly schemaVersion: string;
};

/** The DUIS XML schema family this reader knows: 5.x (the reference schema is 5.4). */
const knownSchemaVersion = /^5(?:\.[0-9]+)?$/;

const headerFields = new Set([
  "RequestID",
  "FirstInSequence",
  "PrecedingServiceRequestID",
  "CommandVariant",
  "ServiceReference",
  "ServiceReferenceVariant",
]);

/**
 * Reads the header of one DUIS XML Service Request. Every flaw — not XML, not a Request, the
 * wrong namespace, an unknown schema version, a missing or malformed header field, an SRV that
 * is not in the catalogue or a Command Variant it cannot be sent with — is an InputError naming
 * the file, the line and the element path.
 */
export function parseDuisRequest(text: string, file: string): DuisRequest {
  try {
    return fromRoot(readXml(text));
  } catch (error) {
    throw inFile(error, file);
  }
}

function fromRoot(root: XmlElement): DuisRequest {
  if (root.local !== "Request") {
    throw new InputError(
      { line: root.line, path: root.local },
      `a DUIS Service Request (root element Request), found ${root.local}`,
    );
  }
  if (root.uri !== duisNamespace) {
    throw new InputError(
      { line: root.line, path: "Request" },
      `the DUIS namespace ${duisNamespace}, found ${root.uri === "" ? "no namespace" : root.uri}`,
    );
  }
  const version = root.attributes.find((a) => a.uri === "" && a.local === "schemaVersion")?.value.trim();
  if (version === undefined) {
    throw new InputError({ line: root.line, path: "Request@schemaVersion" }, "a schemaVersion attribute");
  }
  if (!knownSchemaVersion.test(version)) {
    throw new InputError(
      { line: root.line, path: "Request@schemaVersion" },
      `a DUIS schema version 5.x (this reader knows the 5 family), found ${quote(version)}`,
    );
  }

  const header = root.children[0];
  if (!header || header.uri !== duisNamespace || header.local !== "Header") {
    throw new InputError(
      { line: header?.line ?? root.line, path: "Request.Header" },
      "a Header as the first element of the Request",
    );
  }
  const fields = new Map<string, XmlElement>();
  for (const child of header.children) {
    const path = `Request.Header.${child.local}`;
    if (child.uri !== duisNamespace || !headerFields.has(child.local)) {
      throw new InputError({ line: child.line, path }, `one of ${[...headerFields].join(", ")}`);
    }
    if (fields.has(child.local)) throw new InputError({ line: child.line, path }, `one ${child.local} only`);
    fields.set(child.local, child);
  }
  const field = (name: string): { value: string; line: number; path: string } => {
    const element = fields.get(name);
    const path = `Request.Header.${name}`;
    if (!element) throw new InputError({ line: header.line, path }, `a ${name} element in the Header`);
    return { value: element.text.trim(), line: element.line, path };
  };

  const id = field("RequestID");
  const ids = parseRequestId(id.value, { line: id.line, path: id.path });
  const cv = field("CommandVariant");
  const commandVariant = parseCommandVariant(cv.value, { line: cv.line, path: cv.path });
  const srvField = field("ServiceReferenceVariant");
  const variant = serviceRequest(srvField.value);
  if (!variant) {
    throw new InputError(
      { line: srvField.line, path: srvField.path },
      `a Service Reference Variant in the DUIS catalogue, found ${quote(srvField.value)}`,
    );
  }
  const ref = field("ServiceReference");
  if (ref.value !== variant.serviceReference) {
    throw new InputError(
      { line: ref.line, path: ref.path },
      `Service Reference ${variant.serviceReference} for SRV ${variant.srv}, found ${quote(ref.value)}`,
    );
  }
  if (!variant.commandVariants.includes(commandVariant)) {
    throw new InputError(
      { line: cv.line, path: cv.path },
      `a Command Variant SRV ${variant.srv} may be sent with (${variant.commandVariants.join(", ")}), found ${commandVariant}`,
    );
  }
  return {
    ...ids,
    commandVariant,
    serviceReference: variant.serviceReference,
    srv: variant.srv,
    critical: variant.critical,
    schemaVersion: version,
  };
}
