import { EXPORT_CONTENT_TYPE, auditExportStream, exportFileName } from "@/lib/audit/log/export";
import { parseAuditQuery } from "@/lib/audit/log/filters";
import { poolOf } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { sessionRoute } from "@/lib/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET ?format=csv|json&release=&actor=&action=&from=&to= : the filtered audit log as a download,
// streamed from one COPY, oldest first (chain order). Viewers may read the whole trail, so "read" is the permission.
// `from` is inclusive, `to` exclusive (a bare date as `to` means through that day), both UTC.
export const GET = sessionRoute("read", async (request) => {
  const query = parseAuditQuery(new URL(request.url).searchParams);
  if (!query.ok) {
    const problems = Object.entries(query.fieldErrors).map(([field, messages]) => `${field} ${messages.join(", ")}`);
    throw new AppError("INVALID", `Check the export query: ${problems.join("; ")}.`, query.fieldErrors);
  }
  const stream = auditExportStream(poolOf(), query.filters, query.format, { signal: request.signal });
  return new Response(stream, {
    headers: {
      "Content-Type": EXPORT_CONTENT_TYPE[query.format],
      "Content-Disposition": `attachment; filename="${exportFileName(query.format)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
