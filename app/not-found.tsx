import type { Metadata } from "next";
import { connection } from "next/server";
import { NotFoundCard } from "@/components/ui/not-found-card";

export const metadata: Metadata = { title: "Not found" };

// Any address no route matches, signed in or not: an HTTP 404 with a way back. Rendered per
// request (not prerendered at build time) so its scripts carry the request's CSP nonce.
export default async function NotFound() {
  await connection();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <NotFoundCard />
      </div>
    </main>
  );
}
