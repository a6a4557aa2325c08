import { z } from "@/lib/input/zod";

// Browser-safe: the connection URL's rules (shared by the form and the action) and the masked
// form every page shows, which names the server, database and user but never the password.

export interface UrlParts {
  host: string;
  port: number;
  database: string;
  user: string;
}

// null when the text is not a URL a target can be reached by.
export function urlParts(text: string): UrlParts | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") return null;
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!url.hostname || !database || database.includes("/")) return null;
  return { host: url.hostname, port: url.port ? Number(url.port) : 5432, database, user: decodeURIComponent(url.username) };
}

export function maskedUrl(text: string): string {
  const parts = urlParts(text);
  if (!parts) return "(not a valid URL)";
  const hasPassword = new URL(text).password !== "";
  const who = parts.user ? `${parts.user}${hasPassword ? ":••••••" : ""}@` : "";
  return `postgresql://${who}${parts.host}:${parts.port}/${parts.database}`;
}

export const targetInput = z.object({
  name: z.string().trim().min(1, "Name the database, e.g. shop (production)").max(100, "Keep the name under 100 characters"),
  url: z
    .string()
    .trim()
    .min(1, "Enter the connection URL")
    .max(2000, "Keep the URL under 2000 characters")
    .refine(
      (text) => urlParts(text) !== null,
      "Enter a postgres:// or postgresql:// URL with a host and a database, e.g. postgresql://reader:password@db.example.com:5432/shop",
    )
    // Switchback never signs in with the server's own environment (PGUSER, ~/.pgpass): the URL names who.
    .refine(
      (text) => urlParts(text) === null || urlParts(text)!.user !== "",
      "Name the user in the URL, e.g. postgresql://reader:password@db.example.com/shop",
    ),
});
