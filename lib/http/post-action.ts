import type { ActionResult } from "@/lib/action";
import type { ErrorBody } from "@/lib/errors";

// Calls an action's JSON route (lib/http/action-handler.ts) from a page, answering in the shape a
// server action does, so useMutation takes either. For the one control that must not wait for
// Next.js's server-action machinery: the kill switch (lib/http/flip-lane.ts says why). A network
// failure rejects, as a server action's does; useMutation says "could not be reached".
export async function postAction<T>(url: string, input: object): Promise<ActionResult<T>> {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(input), cache: "no-store" });
  const answer: unknown = await response.json().catch(() => null);
  // A 2xx that is not the route's JSON (a proxy's sign-in page after a redirect) is no answer.
  if (response.ok && !response.redirected && typeof answer === "object" && answer !== null) return { ok: true, data: answer as T };
  const error = (answer as { error?: ErrorBody } | null)?.error;
  if (error && typeof error.code === "string" && typeof error.message === "string") return { ok: false, error };
  return {
    ok: false,
    error: { code: "INTERNAL", message: `The server answered ${response.status}; nothing may have changed. Reload to see the flag's state.` },
  };
}
