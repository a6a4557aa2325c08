import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { auditExportCopySql, type ExportFormat } from "@/lib/audit/log/export-sql";
import type { AuditFilters } from "@/lib/audit/log/filters";
import { formatDate } from "@/lib/format/time";

// The filtered audit log as one CSV file or one JSON array, streamed straight from PostgreSQL's
// COPY (export-sql.ts) on a connection of its own. Bytes move only as the consumer pulls: the
// copy stream pauses the socket when its small buffer is full, so PostgreSQL waits for a slow
// client instead of Node buffering the trail, whatever its size. One statement, so the file is
// one consistent snapshot: events appended during the download are not in it.

export type { ExportFormat };

export interface ExportOptions {
  // The request's signal: a client that goes away stops the copy.
  signal?: AbortSignal;
}

export const EXPORT_CONTENT_TYPE: Record<ExportFormat, string> = { csv: "text/csv; charset=utf-8", json: "application/json" };

const encoder = new TextEncoder();

export function auditExportStream(pool: pg.Pool, filters: AuditFilters, format: ExportFormat, { signal }: ExportOptions = {}): ReadableStream<Uint8Array> {
  let client: pg.PoolClient | undefined;
  let rows: AsyncIterator<Buffer> | undefined;
  let released = false;

  // A connection left mid-COPY cannot be reused: it is closed (release(error)), which also makes
  // PostgreSQL stop the statement.
  const release = (broken?: Error) => {
    if (released || !client) return;
    released = true;
    client.release(broken);
  };
  const abandon = () => {
    void rows?.return?.().catch(() => undefined);
    release(new Error("the audit export was cancelled"));
  };

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      client = await pool.connect();
      if (signal?.aborted) return abandon();
      signal?.addEventListener(
        "abort",
        () => {
          abandon();
          try {
            controller.close();
          } catch {
            // already closed or errored
          }
        },
        { once: true },
      );
      const copy = client.query(copyTo(auditExportCopySql(filters, format)));
      // Reads see the copy's errors through the iterator; this keeps the one that closing the
      // connection of a cancelled export raises after the iterator is gone from being uncaught.
      copy.on("error", () => undefined);
      rows = copy[Symbol.asyncIterator]();
      if (format === "json") controller.enqueue(encoder.encode("[\n"));
    },
    async pull(controller) {
      if (released || !rows) return;
      try {
        const { value, done } = await rows.next();
        if (released) return;
        if (!done) return controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        release();
        if (format === "json") controller.enqueue(encoder.encode("]\n"));
        controller.close();
      } catch (error) {
        // Headers are gone already: erroring the stream aborts the response, so the client sees a
        // failed download rather than a file that silently ends early.
        console.error(error);
        release(error instanceof Error ? error : new Error(String(error)));
        controller.error(error);
      }
    },
    cancel() {
      abandon();
    },
  });
}

export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `switchback-audit-${formatDate(now)}.${format}`;
}
