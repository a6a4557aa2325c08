"use client";

import { useMutation } from "@/components/hooks/use-mutation";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/lib/format/time";
import type { TokenKind } from "@/lib/tokens/tokens";
import { DataTable } from "@/components/ui/table";
import { revokeTokenAction } from "./actions";
import { KIND } from "./kinds";
import { TokenForm } from "./token-form";

export interface TokenRow {
  id: string;
  name: string;
  kind: TokenKind;
  prefix: string;
  release: string | null;
  scopes: string[];
  service: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
  revokedAt: Date | null;
}

// What a token may act on: its release, every release of its service, or (flag reads) any.
const covers = (t: TokenRow) => t.release ?? (t.service ? `every release of ${t.service}` : "any");

export function TokenManager({
  tokens,
  releases,
  services,
  now,
}: {
  tokens: TokenRow[];
  releases: { id: string; title: string }[];
  services: string[];
  now: number;
}) {
  const revoke = useMutation(revokeTokenAction);
  return (
    <div className="space-y-6">
      <TokenForm releases={releases} services={services} />
      <FormError error={revoke.error} />
      {tokens.length === 0 ? (
        <p className="rounded-lg bg-white p-4 text-sm text-slate-700 shadow-sm ring-1 ring-slate-200">
          No API tokens yet. A <strong>Push signals</strong> token lets a backfill job or CI send samples to one release; a <strong>Read flags</strong> token
          lets your applications evaluate kill switches over OFREP; a <strong>Pipeline</strong> token lets CI read a release, wait at its gates or complete its
          stages, as far as its scopes allow. Create one above: its secret is shown once.
        </p>
      ) : (
        <DataTable
          columns={[
            { label: "Name" },
            { label: "Allows" },
            { label: "Release or service" },
            { label: "Scopes" },
            { label: "Last used" },
            { label: "Expires" },
            { label: "Actions", srOnly: true },
          ]}
        >
          {tokens.map((t) => (
            <tr key={t.id}>
              <td className="px-3 py-2">
                {t.name} <span className="whitespace-nowrap font-mono text-xs text-slate-500">{t.prefix}…</span>
              </td>
              <td className="px-3 py-2">{KIND[t.kind]}</td>
              <td className="px-3 py-2">{covers(t)}</td>
              <td className="px-3 py-2">
                {t.kind === "PIPELINE" ? (
                  <span className="flex flex-wrap gap-1">
                    {t.scopes.map((scope) => (
                      <Badge key={scope} tone="info">
                        {scope}
                      </Badge>
                    ))}
                  </span>
                ) : (
                  "—"
                )}
              </td>
              <td className="px-3 py-2">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}</td>
              <td className="px-3 py-2">{t.expiresAt.getTime() <= now ? <Badge>Expired {formatDateTime(t.expiresAt)}</Badge> : formatDateTime(t.expiresAt)}</td>
              <td className="px-3 py-2 text-right">
                {t.revokedAt ? (
                  <Badge>Revoked {formatDateTime(t.revokedAt)}</Badge>
                ) : (
                  <button
                    type="button"
                    className={buttonClass("secondary", "py-1 text-xs")}
                    disabled={revoke.pending}
                    onClick={() => void revoke.run({ tokenId: t.id })}
                    aria-label={`Revoke ${t.name}`}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
