import "server-only";
import type { Metadata } from "next";
import { cache } from "react";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/uuid";

// Tab titles carry the release's title ("Split names · Cockpit · Switchback"): with a plan, a
// cockpit and a report open in three tabs, each must say which release and which page it is.
const releaseTitle = cache(async (id: string) =>
  isUuid(id) ? ((await db.release.findUnique({ where: { id }, select: { title: true } }))?.title ?? null) : null,
);

export function releasePageMetadata(page: string) {
  return async ({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> => {
    const title = await releaseTitle((await params).id);
    return { title: title ? `${title} · ${page}` : "Release not found" };
  };
}
