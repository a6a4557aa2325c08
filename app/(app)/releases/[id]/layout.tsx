import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { releaseExists } from "@/lib/releases/exists";
import { requireUser } from "@/lib/session";

// An unknown release is decided here, above every loading skeleton of the release's pages: once a
// skeleton has streamed, the status line (200) is already sent and a later notFound() in the page
// can only draw "Not found" into a successful response.
export default async function ReleaseLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, requireUser()]);
  if (!(await releaseExists(user, id))) notFound();
  return children;
}
