export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the audit trail" className="space-y-4">
      <div className="h-8 w-56 animate-pulse rounded bg-slate-200" />
      <div className="h-10 w-80 animate-pulse rounded bg-slate-100" />
      <div className="h-80 animate-pulse rounded bg-slate-100" />
      {[0, 1, 2, 3].map((row) => (
        <div key={row} className="h-10 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
