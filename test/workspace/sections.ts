/**
 * Small section documents in the layout of the Code, built from clause texts so each test states
 * exactly what differs between its versions. The wording is invented for the tests.
 */
const partTitles: Record<string, string> = {
  G2: "SYSTEM SECURITY: OBLIGATIONS ON THE DCC",
  G3: "SYSTEM SECURITY: OBLIGATIONS ON USERS",
};

export type Clauses = Readonly<Record<string, string>>;

export function sectionText(clauses: Clauses): string {
  const lines = ["# G SECURITY", ""];
  let part = "";
  for (const [id, text] of Object.entries(clauses).sort(([a], [b]) =>
    a.localeCompare(b, "en", { numeric: true }),
  )) {
    const clausePart = id.slice(0, id.indexOf("."));
    if (clausePart !== part) {
      part = clausePart;
      lines.push(`## ${part}. ${partTitles[part] ?? "OTHER PROVISIONS"}`, "");
    }
    lines.push(`- ${id} ${text}`, "");
  }
  return lines.join("\n");
}

/**
 * Three versions: 2021 inserts G2.4 into the 2020 text; 2022 also repeals G2.3 and rewrites
 * G3.20 the way DP087 did, so that Users answer for SMETS1 Communications Hubs.
 */
export const v2020: Clauses = {
  "G2.1": "The DCC must watch its systems for connections nobody authorised.",
  "G2.2": "The DCC must keep a list of the software running on its systems.",
  "G2.3": "The DCC must review that list once a year.",
  "G3.1": "Each User must watch its User Systems for connections nobody authorised.",
  "G3.20":
    "Each User must arrange with the makers of its Devices, other than any Communications Hub Function or Gas Proxy Function, to hear of security weaknesses in them.",
};

export const v2021: Clauses = {
  ...v2020,
  "G2.4": "The DCC must keep its service systems apart from its other systems.",
};

export const v2022: Clauses = {
  ...v2021,
  "G2.3": "Not used.",
  "G3.20":
    "Each User must arrange with the makers of its Devices, other than any Communications Hub Function or Gas Proxy Function forming part of a SMETS2+ Device, to hear of security weaknesses in them.",
};
