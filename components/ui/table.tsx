import type { ReactNode } from "react";

// The house's data table: one wrapper that scrolls sideways on a phone instead of the page, a
// header row of column labels, rows divided by hairlines. "compact" for settings lists, "roomy"
// for the release and audit lists. Rows and cells are the caller's; `cell` gives their padding.

export interface Column {
  label: string;
  // Read out but not shown (an actions column).
  srOnly?: boolean;
  className?: string;
}

const LOOK = {
  compact: {
    wrapper: "relative overflow-x-auto",
    table: "min-w-full divide-y divide-slate-200 rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200",
    head: "text-left text-xs uppercase tracking-wide text-slate-500",
    cell: "px-3 py-2",
  },
  roomy: {
    wrapper: "overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200",
    table: "min-w-full divide-y divide-slate-200 text-sm",
    head: "bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600",
    cell: "px-4 py-3",
  },
} as const;

export type TableLook = keyof typeof LOOK;
export const cell = (look: TableLook = "compact", extra = "") => `${LOOK[look].cell} ${extra}`.trim();

export function DataTable({
  columns,
  children,
  look = "compact",
  caption,
  label,
  labelledBy,
}: {
  columns: Column[];
  children: ReactNode;
  look?: TableLook;
  caption?: string;
  label?: string;
  labelledBy?: string;
}) {
  const style = LOOK[look];
  return (
    <div className={style.wrapper}>
      <table aria-label={label} aria-labelledby={labelledBy} className={style.table}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className={style.head}>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={cell(look, column.className)}>
                {column.srOnly ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
