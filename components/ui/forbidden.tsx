import Link from "next/link";

// A page-level refusal: says why, and where to go instead.
export function forbidden(reason: string) {
  return (
    <div role="alert" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold">Not allowed</h1>
      <p className="mt-1 text-sm text-slate-600">{reason}</p>
      <Link href="/releases" className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline">
        Back to releases
      </Link>
    </div>
  );
}
