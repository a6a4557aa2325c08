import Link from "next/link";

// A page-level refusal: says why, and where to go instead. Rendered by a route's forbidden.tsx,
// which Next.js shows with HTTP 403 when the page calls forbidden() from next/navigation; a page
// that returned this itself would answer 200 and look like a success to anything but a person.
export function ForbiddenNotice({ reason }: { reason: string }) {
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
