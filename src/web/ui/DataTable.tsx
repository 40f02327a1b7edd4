import { type ReactNode, useState } from "react";

/** One column: its header, how a row fills its cell, and optionally the value it sorts by. */
export type Column<T> = {
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  readonly sort?: (row: T) => string | number;
  /** "number" right-aligns figures. */
  readonly className?: string;
};

type Sorting = { readonly column: number; readonly descending: boolean };

/**
 * The dashboard's table: a caption screen readers announce (shown or not), column headers, and
 * cells filled per row; a column with `sort` gets a header button cycling ascending and descending,
 * marked with aria-sort. With no rows it shows `empty`, which should say what to do next.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  caption,
  showCaption = false,
  empty,
  initialSort,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  caption: string;
  showCaption?: boolean;
  empty: ReactNode;
  initialSort?: Sorting;
}): ReactNode {
  const [sorting, setSorting] = useState<Sorting | undefined>(initialSort);
  if (rows.length === 0) return <div className="empty">{empty}</div>;
  const sortBy = sorting === undefined ? undefined : columns[sorting.column]?.sort;
  const shown =
    sorting === undefined || sortBy === undefined
      ? rows
      : [...rows].sort((a, b) => {
          const [x, y] = [sortBy(a), sortBy(b)];
          const order = x < y ? -1 : x > y ? 1 : 0;
          return sorting.descending ? -order : order;
        });
  const toggle = (column: number) =>
    setSorting((current) => ({
      column,
      descending: current?.column === column ? !current.descending : false,
    }));
  return (
    <div className="table-scroll">
      <table>
        <caption className={showCaption ? "table-caption" : "visually-hidden"}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => {
              const active = sorting?.column === i;
              const ariaSort = active ? (sorting.descending ? "descending" : "ascending") : undefined;
              return (
                <th key={column.header} scope="col" className={column.className} aria-sort={ariaSort}>
                  {column.sort ? (
                    <button type="button" className="sort" onClick={() => toggle(i)}>
                      {column.header}
                      <span aria-hidden="true">{active ? (sorting.descending ? " ▼" : " ▲") : " ↕"}</span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.header} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
