export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the post-release report" className="mx-auto max-w-4xl space-y-4 bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <div className="h-7 w-64 animate-pulse rounded bg-slate-200" />
      {[0, 1, 2, 3, 4].map((row) => (
        <div key={row} className="h-16 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
