import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { type ResponseContent, type ResponseSource, responseContent } from "./response-content.js";

/**
 * The Security Assessment Response as a PDF: A4, the standard Helvetica fonts (nothing to embed from
 * disk), text wrapped to the margins, a new page whenever the next line would not fit, and the findings
 * as a table whose rows grow with their wrapped cells. Deterministic: the dates in the metadata are the
 * response's own, so the same workflow always gives the same bytes.
 */
const pageSize: [number, number] = [595.28, 841.89];
const margin = 56;
const body = 10;
const leading = 1.35;
const columns = [
  { key: "finding", title: "Finding", width: 70 },
  { key: "obligation", title: "Obligation", width: 80 },
  { key: "kind", title: "Kind", width: 200 },
  { key: "answer", title: "Answer", width: 133.28 },
] as const;
const cellPadding = 4;

type Fonts = { readonly regular: PDFFont; readonly bold: PDFFont };

/** Characters the standard fonts cannot draw (outside WinAnsi) become "?" rather than failing. */
const characterSets = new WeakMap<PDFFont, Set<number>>();

function drawable(text: string, font: PDFFont): string {
  let known = characterSets.get(font);
  if (known === undefined) {
    known = new Set(font.getCharacterSet());
    characterSets.set(font, known);
  }
  return [...text].map((c) => (known.has(c.codePointAt(0)!) ? c : "?")).join("");
}

export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of drawable(text, font).split(/\s+/).filter(Boolean)) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line !== "") lines.push(line);
    // A word wider than the line is cut where it must be.
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line !== "") lines.push(line);
  return lines.length === 0 ? [""] : lines;
}

/** Writes downwards, opening a page whenever the next block would cross the bottom margin. */
class Cursor {
  page: PDFPage;
  y: number;
  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.page = doc.addPage(pageSize);
    this.y = pageSize[1] - margin;
  }

  room(height: number): void {
    if (this.y - height >= margin) return;
    this.page = this.doc.addPage(pageSize);
    this.y = pageSize[1] - margin;
  }

  text(text: string, options: { size?: number; bold?: boolean; indent?: number; gap?: number } = {}): void {
    const size = options.size ?? body;
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const indent = options.indent ?? 0;
    for (const line of wrap(text, font, size, pageSize[0] - 2 * margin - indent)) {
      this.room(size * leading);
      this.y -= size * leading;
      this.page.drawText(line, { x: margin + indent, y: this.y, size, font });
    }
    this.y -= options.gap ?? size * 0.6;
  }

  row(cells: readonly string[], bold: boolean): void {
    const font = bold ? this.fonts.bold : this.fonts.regular;
    const wrapped = cells.map((c, i) => wrap(c, font, body, columns[i]!.width - 2 * cellPadding));
    const height = Math.max(...wrapped.map((w) => w.length)) * body * leading + 2 * cellPadding;
    this.room(height);
    let x = margin;
    wrapped.forEach((lines, i) => {
      const width = columns[i]!.width;
      this.page.drawRectangle({
        x,
        y: this.y - height,
        width,
        height,
        borderColor: rgb(0.6, 0.6, 0.6),
        borderWidth: 0.5,
        ...(bold ? { color: rgb(0.92, 0.92, 0.92) } : {}),
      });
      lines.forEach((line, j) => {
        const y = this.y - cellPadding - (j + 1) * body * leading + body * 0.3;
        this.page.drawText(line, { x: x + cellPadding, y, size: body, font });
      });
      x += width;
    });
    this.y -= height;
  }
}

export async function contentPdf(content: ResponseContent, party: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const dated = new Date(`${content.dated}T00:00:00Z`);
  doc.setTitle(`${content.title}: ${party}`);
  doc.setSubject("SEC Section G security assessment response");
  doc.setCreator("secg");
  doc.setProducer("secg (pdf-lib)");
  doc.setCreationDate(dated);
  doc.setModificationDate(dated);

  const cursor = new Cursor(doc, fonts);
  cursor.text(content.title, { size: 18, bold: true, gap: 12 });
  for (const [label, value] of content.facts) cursor.text(`${label}: ${value}`, { gap: 2 });
  cursor.y -= 10;
  cursor.text("Findings", { size: 14, bold: true, gap: 6 });
  if (content.rows.length === 0) cursor.text("The report sets out no findings that call for an answer.");
  else {
    cursor.row(
      columns.map((c) => c.title),
      true,
    );
    for (const r of content.rows)
      cursor.row(
        columns.map((c) => r[c.key]),
        false,
      );
  }
  for (const section of content.sections) {
    cursor.y -= 10;
    cursor.text(section.heading, { size: 12, bold: true, gap: 4 });
    for (const p of section.paragraphs) cursor.text(p);
    for (const s of section.steps) cursor.text(`- ${s}`, { indent: 12, gap: 2 });
  }
  return doc.save({ useObjectStreams: false });
}

/** The User (or DCC) Security Assessment Response as a PDF (G8.24, G8.26; G9.21, G9.23). */
export function responsePdf(source: ResponseSource): Promise<Uint8Array> {
  return contentPdf(responseContent(source), source.party.name);
}
