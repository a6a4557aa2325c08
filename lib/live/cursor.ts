// Where a live stream stands: the last audit event and the last signal sample it has delivered.
// Sent as the SSE event id ("a:12,s:3400"), so a reconnecting browser's Last-Event-ID says exactly
// what it already has.

export interface Cursor {
  audit: bigint;
  sample: bigint;
}

export function formatCursor(cursor: Cursor): string {
  return `a:${cursor.audit},s:${cursor.sample}`;
}

export function parseCursor(text: string | null | undefined): Cursor | null {
  const match = text?.trim().match(/^a:(\d{1,19}),s:(\d{1,19})$/);
  if (!match) return null;
  return { audit: BigInt(match[1]!), sample: BigInt(match[2]!) };
}

export const maxCursor = (a: Cursor, b: Cursor): Cursor => ({
  audit: a.audit > b.audit ? a.audit : b.audit,
  sample: a.sample > b.sample ? a.sample : b.sample,
});
