import type { z } from "zod";
import type { IsoDate } from "../../obligations/calendar/iso-date.js";

/**
 * What makes a register: the record schema, how its records look as CSV columns and, for a
 * register whose records move through states, the lifecycle. The engine (./engine.ts) gives every
 * register the same list, get, put, delete, import and export from this definition alone.
 */

/**
 * How a CSV cell holds a field. An empty cell is an absent field (or an empty list); `list`
 * separates items with ";" (a ";" or "\" inside an item is escaped with "\"); `json` holds a
 * structured field (a list of objects) as JSON text; `date` is YYYY-MM-DD; `boolean` is true|false.
 */
export type CellKind = "text" | "date" | "number" | "boolean" | "list" | "json";

/** A CSV column is named after the record key it holds. */
export type Column = { readonly key: string; readonly kind: CellKind };

/**
 * `field` holds the state; `next` says where each state may go (only forward). `apply` moves a
 * record to a state on a date; the engine then validates the result with the register's schema,
 * where the Code's conditions on each state (e.g. notice before decommissioning, G3.9(c)) live.
 */
export type Lifecycle<R> = {
  readonly field: string;
  readonly next: Readonly<Record<string, readonly string[]>>;
  readonly stateOf: (record: R) => string;
  readonly apply: (record: R, to: string, on: IsoDate) => R;
};

/** A stored file that a record describes (evidence): the bytes live beside the record. */
export type Attachment = { readonly field: string };

export type RegisterDefinition<R extends { readonly id: string }> = {
  readonly name: string;
  /** What one record is, for messages: "system", "person". */
  readonly noun: string;
  readonly schema: z.ZodType<R>;
  readonly columns: readonly Column[];
  readonly lifecycle?: Lifecycle<R>;
  readonly attachment?: Attachment;
};

/** The file metadata the server computes for an attachment; never taken from input. */
export type StoredFileMeta = {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
};
