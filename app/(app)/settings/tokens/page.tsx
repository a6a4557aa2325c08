import type { Metadata } from "next";
import { listReleasesTakingSamples, listServices, listTokens } from "@/lib/tokens/queries";
import { requireAdmin } from "@/lib/session";
import { TokenManager } from "./token-manager";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  await requireAdmin();
  const [tokens, releases, services] = await Promise.all([listTokens(), listReleasesTakingSamples(), listServices()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="mt-1 text-sm text-slate-600">
          Push tokens let a job send signal samples to one release; read tokens let applications evaluate built-in flags; pipeline tokens let CI/CD follow a
          release, wait at its gates and complete its stages, within the scopes chosen here.
        </p>
      </div>
      <TokenManager
        now={Date.now()}
        tokens={tokens.map(({ release, ...t }) => ({ ...t, release: release?.title ?? null }))}
        releases={releases}
        services={services}
      />
    </div>
  );
}
