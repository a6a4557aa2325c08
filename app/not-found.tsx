import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

export const metadata: Metadata = { title: "Not found" };

// Any address no route matches, signed in or not: an HTTP 404 with a way back. Rendered per
// request (not prerendered at build time) so its scripts carry the request's CSP nonce.
export default async function NotFound() {
  await connection();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-lg font-semibold">Not found</h1>
        <p className="mt-1 text-sm text-slate-600">There is nothing here. It may have been a mistyped link.</p>
        <Link href="/releases" className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline">
          Back to releases
        </Link>
      </div>
    </main>
  );
}
