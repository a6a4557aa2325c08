import type { FlagProviderKind as FlagProviderEnum } from "@/lib/generated/prisma/enums";

// The flag providers a release may use, with their names for people. Client-safe (the plan's form
// and the report read it); the server's registry (registry.ts) adds how to reach each one. A new
// provider adds a line here, a folder beside this file, a line in registry.ts and its value in
// the FlagProvider enum (a migration).

export const FLAG_PROVIDERS = [
  { kind: "BUILTIN", label: "Built-in" },
  { kind: "UNLEASH", label: "Unleash" },
] as const satisfies readonly { kind: FlagProviderEnum; label: string }[];

export type FlagProviderKind = (typeof FLAG_PROVIDERS)[number]["kind"];

export const FLAG_PROVIDER_KINDS = FLAG_PROVIDERS.map((p) => p.kind) as [FlagProviderKind, ...FlagProviderKind[]];

export const FLAG_PROVIDER_LABEL = Object.fromEntries(FLAG_PROVIDERS.map((p) => [p.kind, p.label])) as Record<FlagProviderKind, string>;
