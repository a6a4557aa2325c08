import ipaddr from "ipaddr.js";
import { z } from "@/lib/input/zod";
import { parseTrustedProxies } from "@/lib/auth/trusted-proxies";
import { parseRoleMap } from "@/lib/auth/role-map";
import { parseEmailList } from "@/lib/auth/sso-only";

// The only reader of process.env. Everything else imports `env`.

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const port = (fallback: number) =>
  z.coerce
    .number({ message: "must be a port number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(fallback);

const flag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), "must be a postgres:// or postgresql:// URL");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    // Set by Next.js itself: which runtime loads this module, and whether it is a build.
    NEXT_RUNTIME: optionalText,
    NEXT_PHASE: optionalText,
    // Read by scripts/start.ts only to see whether the operator set the server's young generation.
    NODE_OPTIONS: optionalText,
    DATABASE_URL: postgresUrl.optional().or(z.literal("").transform(() => undefined)),
    // A direct connection (not through PgBouncer's transaction pooling) for what needs a session of
    // its own: LISTEN and leader election's advisory locks. Unset: DATABASE_URL serves both.
    DIRECT_DATABASE_URL: postgresUrl.optional().or(z.literal("").transform(() => undefined)),
    // The role that owns the schema and runs migrations, when DATABASE_URL is the app's runtime role.
    MIGRATION_DATABASE_URL: postgresUrl.optional().or(z.literal("").transform(() => undefined)),
    // Where people open Switchback (https://switchback.example.com): links in webhook messages.
    PUBLIC_URL: z
      .url({ message: "must be the URL people open Switchback at" })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    PORT: port(3000),
    HOSTNAME: optionalText,
    EMBEDDED_PG_PORT: port(54329),
    SWITCHBACK_DATA_DIR: z.string().trim().min(1).default(".data"),
    SEED_DEMO: flag,
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 33)").optional(),
    // Read by next-auth itself when set: it then names the session cookie by this URL's scheme,
    // whatever a request says. The kill switch's fast lane reads the cookie by the same rule.
    AUTH_URL: optionalText,
    NEXTAUTH_URL: optionalText,
    // Keys the audit chain (HMAC) and its signed checkpoints; comma-separated: the first signs,
    // the others (retired keys) only verify older events. Generated into the data folder if unset.
    AUDIT_KEY: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? "")
          .split(",")
          .map((key) => key.trim())
          .filter(Boolean),
      )
      .refine((keys) => keys.every((key) => key.length >= 32), "must be at least 32 characters per key (try: openssl rand -base64 33)"),
    AUTH_GITHUB_ID: optionalText,
    AUTH_GITHUB_SECRET: optionalText,
    AUTH_OIDC_ISSUER: z
      .url({ message: "must be the issuer URL" })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    AUTH_OIDC_ID: optionalText,
    AUTH_OIDC_SECRET: optionalText,
    AUTH_OIDC_NAME: z.string().trim().min(1).default("Single sign-on"),
    // Roles follow the identity provider when a mapping is set: the claim holding the person's groups,
    // and "group=role" pairs (lib/auth/role-map.ts).
    AUTH_OIDC_ROLE_CLAIM: z.string().trim().min(1).default("groups"),
    AUTH_OIDC_ROLE_MAP: z
      .string()
      .optional()
      .transform((value, ctx) => {
        try {
          return parseRoleMap(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
          return z.NEVER;
        }
      }),
    // Passwords off for everyone but the break-glass admins listed (lib/auth/sso-only.ts).
    AUTH_SSO_ONLY: flag,
    AUTH_BREAK_GLASS_EMAILS: z
      .string()
      .optional()
      .transform(parseEmailList)
      .refine((emails) => emails.every((email) => z.email().safeParse(email).success), "must be a comma-separated list of email addresses"),
    PROMETHEUS_URL: z
      .url({ message: "must be the Prometheus base URL" })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    // Days raw signal samples are kept after a release finishes; then they are rolled up per minute
    // (lib/signals/retention). "off" keeps them forever; 0 is refused rather than guessed at.
    SAMPLE_RETENTION_DAYS: z
      .string()
      .optional()
      .transform((value, ctx): number | null => {
        const text = value?.trim() || "30";
        if (text === "off") return null;
        if (/^\d+$/.test(text) && Number(text) >= 1) return Number(text);
        ctx.addIssue({ code: "custom", message: "must be a whole number of days (at least 1), or off" });
        return z.NEVER;
      }),
    PROMETHEUS_POLL_TICK_MS: z.coerce.number().int().min(100, "must be at least 100").max(60_000, "must be at most 60000").default(1000),
    UNLEASH_URL: z
      .url({ message: "must be the Unleash base URL" })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    UNLEASH_API_TOKEN: optionalText,
    UNLEASH_PROJECT: z.string().trim().min(1).default("default"),
    // Lets a scraper off this machine read /metrics (Authorization: Bearer …); unset: loopback only.
    METRICS_TOKEN: optionalText.refine((value) => value === undefined || value.length >= 16, "must be at least 16 characters (try: openssl rand -hex 16)"),
    // The JSON log's threshold (lib/log.ts).
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Proxies in front of the app whose X-Forwarded-For entries are believed: a hop count ("1") or a
    // comma-separated list of their addresses/CIDRs. Unset: the socket address is the client.
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .transform((value, ctx) => {
        try {
          return parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
          return z.NEVER;
        }
      }),
    // Webhooks never post to loopback/private/link-local addresses unless this opts in: "true" for
    // any, or a comma-separated list of CIDRs or addresses (a chat server on your own network).
    WEBHOOK_ALLOW_PRIVATE: z
      .string()
      .optional()
      .transform((value): true | string[] => {
        const text = value?.trim() ?? "";
        if (text === "true" || text === "1") return true;
        return text === "" || text === "false" || text === "0"
          ? []
          : text
              .split(",")
              .map((entry) => entry.trim())
              .filter(Boolean);
      })
      .refine(
        (value) => value === true || value.every((entry) => ipaddr.isValidCIDR(entry) || ipaddr.isValid(entry)),
        "must be true, false or a comma-separated list of CIDRs like 10.0.0.0/8,fd00::/8",
      ),
  })
  .superRefine((value, ctx) => {
    if (Boolean(value.AUTH_GITHUB_ID) !== Boolean(value.AUTH_GITHUB_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: [value.AUTH_GITHUB_ID ? "AUTH_GITHUB_SECRET" : "AUTH_GITHUB_ID"],
        message: "must be set together with the other AUTH_GITHUB_* variable",
      });
    }
    const oidc = [value.AUTH_OIDC_ISSUER, value.AUTH_OIDC_ID, value.AUTH_OIDC_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      const missing = (["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"] as const).find((k) => !value[k]);
      ctx.addIssue({ code: "custom", path: [missing ?? "AUTH_OIDC_ISSUER"], message: "is required when OIDC sign-in is configured" });
    }
    if (value.AUTH_OIDC_ROLE_MAP && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_OIDC_ROLE_MAP"],
        message: "needs OIDC sign-in configured (AUTH_OIDC_ISSUER, AUTH_OIDC_ID, AUTH_OIDC_SECRET)",
      });
    }
    // With passwords off and no identity provider, only the break-glass admins could ever sign in.
    if (value.AUTH_SSO_ONLY && !oidc.every(Boolean) && !value.AUTH_GITHUB_ID) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SSO_ONLY"], message: "needs OIDC or GitHub sign-in configured" });
    }
  });

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment: ${problems.join("; ")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "environment";
    const got = typeof issue.path[0] === "string" ? source[issue.path[0]] : undefined;
    const shown = got === undefined || /SECRET|TOKEN|PASSWORD|DATABASE_URL|KEY/.test(name) ? "" : ` (got "${got}")`;
    return `${name} ${issue.message}${shown}`;
  });
  throw new EnvError(problems);
}

export const env: Env = parseEnv(process.env);
