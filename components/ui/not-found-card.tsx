import Link from "next/link";

// The one "not found" message, inside the app's layout or on its own for signed-out visitors.
export function NotFoundCard() {
  return (
    <div className="w-full rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-1 text-sm text-slate-600">There is nothing here. It may have been a mistyped link.</p>
      <Link href="/releases" className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline">
        Back to releases
      </Link>
    </div>
  );
}
