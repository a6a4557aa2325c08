import type { Metadata } from "next";
import { connection } from "next/server";
import { NotFoundCard } from "@/components/ui/not-found-card";
import { getCurrentUser } from "@/lib/session";
import AppLayout from "./(app)/layout";

export const metadata: Metadata = { title: "Not found" };

// Any address no route matches, signed in or not: an HTTP 404 with a way back. Rendered per
// request (not prerendered at build time) so its scripts carry the request's CSP nonce.
// A signed-in user gets it inside the app's own frame, header and navigation included, as on any
// other page; a catch-all route under app/(app) would do that too, but its layout would send a
// signed-out visitor to sign-in instead of answering 404.
export default async function NotFound() {
  await connection();
  if (await getCurrentUser()) {
    return (
      <AppLayout>
        <NotFoundCard />
      </AppLayout>
    );
  }
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <NotFoundCard />
      </div>
    </main>
  );
}
