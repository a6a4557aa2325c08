import pg from "pg";
import { AUDIT_CHANNEL } from "@/lib/audit/append";

// The decision owner's Go, through the same route the cockpit's button posts to (session cookie,
// the app's own Origin), and the moment each one committed: the audit append's NOTIFY on
// switchback_audit rides in the decision's transaction, so a connection of the bench's own hears it
// when it commits, as every Switchback instance's live hub does.

export async function listenForDecisions(databaseUrl: string) {
  const committed = new Map<string, number>();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  client.on("notification", (notice) => {
    const at = performance.now();
    try {
      const event = JSON.parse(notice.payload ?? "{}") as { releaseId?: string | null; action?: string };
      if (event.action === "decision.recorded" && event.releaseId && !committed.has(event.releaseId)) committed.set(event.releaseId, at);
    } catch {
      // another payload shape: not a decision
    }
  });
  await client.query(`LISTEN ${AUDIT_CHANNEL}`);
  return { committed, close: () => client.end() };
}

// POSTs a Go; returns when it was sent and when its 201 arrived (performance.now()).
export async function postGo(baseUrl: string, cookie: string, releaseId: string): Promise<{ sent: number; answered: number }> {
  const sent = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/releases/${releaseId}/decisions`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: baseUrl, "Content-Type": "application/json" },
    body: JSON.stringify({ verdict: "GO", reason: "bench" }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`the Go on ${releaseId} answered ${response.status}: ${text.slice(0, 200)}`);
  return { sent, answered: performance.now() };
}
