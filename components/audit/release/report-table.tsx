import type { ReactNode } from "react";

// The printed report's tables: plain hairline rows (no card, they print), a wrapper that scrolls
// sideways on a phone and can be reached by keyboard to do so. Rows are the caller's; give their
// cells `reportCell` (or the same `cell` passed here).
export const reportCell = "border-b border-slate-200 py-1 pr-3 text-left align-top";

export function ReportTable({
  columns,
  caption,
  cell = reportCell,
  textSize = "text-sm",
  children,
}: {
  columns: string[];
  // Shown above the table.
  caption?: string;
  cell?: string;
  textSize?: "text-sm" | "text-xs";
  children: ReactNode;
}) {
  return (
    <div tabIndex={0} className="relative overflow-x-auto">
      <table className={`w-full ${textSize}`}>
        {caption && <caption className="text-left text-slate-600">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((label) => (
              <th key={label} scope="col" className={cell}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
