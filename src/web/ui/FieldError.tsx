import type { ReactNode } from "react";

/** What went wrong with one field, shown beside it (and named by its aria-describedby). */
export function FieldError({ id, message }: { id: string; message: string | undefined }): ReactNode {
  return message ? (
    <span id={id} className="field-error">
      {message}
    </span>
  ) : null;
}
