import { changeRows } from "@/lib/audit/diff";
import { readSnapshot } from "@/lib/audit/report/snapshot";
import { field } from "@/lib/audit/report/types";

// An event's detail for a release manager: what changed as Field | Before | After in words, the
// signals as they stood when the event was written, and, for auditors, the event exactly as
// stored (row ids, internal field names) one click further.

// ARIA table roles on a grid rather than <table>: the global log is a table itself, and its rows
// are counted as "tbody tr" by readers of the page (and by its e2e tests).
const row = "grid grid-cols-[10rem_1fr_1fr] gap-3 border-b border-slate-100 py-1";
const value = "whitespace-pre-wrap break-words";

function Snapshot({ snapshot }: { snapshot: unknown }) {
  const view = readSnapshot(snapshot);
  if (view.rows.length === 0) return null;
  return (
    <div>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Signals at that instant</p>
      <ul className="text-xs">
        {view.rows.map((signal) => (
          <li key={signal.key}>
            {signal.name}: {signal.value} ({signal.status})
          </li>
        ))}
      </ul>
      {view.recommendation && <p className="text-xs text-slate-600">Switchback recommended {view.recommendation}.</p>}
    </div>
  );
}

export function ChangeDetails({ action, before, after, names }: { action: string; before: unknown; after: unknown; names?: ReadonlyMap<string, string> }) {
  if ((before ?? null) === null && (after ?? null) === null) return null;
  const rows = changeRows(before, after, names);
  const snapshot = field(after, "snapshot");
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">Before → after</summary>
      <div className="mt-1 w-[32rem] max-w-full space-y-2">
        {rows.length > 0 && (
          <div role="table" aria-label="What changed" className="text-xs">
            <div role="row" className={`${row} font-medium text-slate-500`}>
              <span role="columnheader">Field</span>
              <span role="columnheader">Before</span>
              <span role="columnheader">After</span>
            </div>
            {rows.map((r) => (
              <div role="row" key={r.key} className={`${row} ${r.changed ? "" : "text-slate-500"}`}>
                <span role="rowheader" className="font-medium">
                  {r.label}
                </span>
                <span role="cell" className={value}>
                  {r.before}
                </span>
                <span role="cell" className={value}>
                  {r.after}
                </span>
              </div>
            ))}
          </div>
        )}
        {snapshot !== undefined && <Snapshot snapshot={snapshot} />}
        <details>
          <summary className="cursor-pointer text-xs text-slate-600">Raw event</summary>
          <pre tabIndex={0} className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs text-slate-800">
            {JSON.stringify({ action, before: before ?? null, after: after ?? null }, null, 2)}
          </pre>
        </details>
      </div>
    </details>
  );
}
