import { unseal } from "@/lib/targets/seal";
import { urlParts, type UrlParts } from "@/lib/targets/url";

// Why a target did not answer, in one sentence for the admin at the settings page. The driver's
// own text is never shown (it can be long, technical, or echo connection details); the cause is
// read from the SQLSTATE the server sent, or the network error code when it sent nothing.

const BY_SQLSTATE: Record<string, (p: UrlParts) => string> = {
  "28P01": (p) => `The server refused the password for user "${p.user}".`,
  "28000": (p) => `The server does not let user "${p.user}" connect from here (check pg_hba.conf and that the role exists).`,
  "3D000": (p) => `There is no database "${p.database}" on ${p.host}:${p.port}.`,
  "42501": (p) => `User "${p.user}" may not connect to database "${p.database}" (grant it CONNECT).`,
  "53300": (p) => `${p.host}:${p.port} has no free connections left; try again when it is less busy.`,
  "57P03": (p) => `${p.host}:${p.port} is starting up, shutting down or in recovery and not accepting connections yet.`,
  "57014": () => "The server took longer than 2 seconds to answer the check.",
};

const BY_ERRNO: Record<string, (p: UrlParts) => string> = {
  ECONNREFUSED: (p) => `Nothing is listening on ${p.host}:${p.port}: the connection was refused.`,
  ENOTFOUND: (p) => `The host name ${p.host} could not be found.`,
  EAI_AGAIN: (p) => `The host name ${p.host} could not be looked up right now (DNS did not answer).`,
  EHOSTUNREACH: (p) => `${p.host} cannot be reached from this server (no route to the host).`,
  ENETUNREACH: (p) => `${p.host} cannot be reached from this server (no route to its network).`,
  ECONNRESET: (p) => `${p.host}:${p.port} closed the connection before answering; is it a PostgreSQL server?`,
};

export function problemSentence(error: unknown, parts: UrlParts): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    const sentence = BY_SQLSTATE[code] ?? BY_ERRNO[code];
    if (sentence) return sentence(parts);
    if (code.startsWith("28")) return `The server refused to sign in user "${parts.user}".`;
  }
  const text = typeof message === "string" ? message : "";
  if (/password must be a non-empty string/.test(text)) return `The server wants a password for user "${parts.user}" and the connection URL has none.`;
  if (/timeout|timed out/i.test(text)) return `${parts.host}:${parts.port} did not answer within 3 seconds.`;
  if (/ssl|tls|certificate/i.test(text)) return `The secure connection to ${parts.host}:${parts.port} failed (check sslmode and the server's certificate).`;
  if (/terminated|closed|ended/i.test(text)) return `${parts.host}:${parts.port} closed the connection before answering; is it a PostgreSQL server?`;
  return typeof code === "string"
    ? `The server refused the check (PostgreSQL error ${code}).`
    : "The connection failed for a reason Switchback does not recognise.";
}

/**
 * Why a registered target did not answer, in the sentence "Test connection" would give: one place
 * for the watcher's signals, schema checks and proofs. Never throws: a URL sealed under a key this
 * server does not have is itself the answer.
 */
export function targetProblem(target: { sealedUrl: string }, error: unknown): string {
  let parts: UrlParts | null = null;
  try {
    parts = urlParts(unseal(target.sealedUrl));
  } catch {
    return "Its connection URL was sealed with a key this server does not have; add the target again.";
  }
  return parts ? problemSentence(error, parts) : "Its stored connection URL is not a postgres:// URL; add the target again.";
}
