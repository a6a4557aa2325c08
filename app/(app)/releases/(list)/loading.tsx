export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading releases" className="space-y-3">
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      {[0, 1, 2].map((row) => (
        <div key={row} className="h-12 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
