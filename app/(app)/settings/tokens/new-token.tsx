"use client";

import { curlExample } from "@/lib/tokens/curl-example";
import type { TokenKind } from "@/lib/tokens/tokens";
import { CopyButton } from "@/components/ui/copy-button";

export interface CreatedToken {
  secret: string;
  kind: TokenKind;
  releaseId: string | null;
}

// The secret, shown once, and a call that uses it against this very server (the page's origin).
// Rendered only after a creation in the browser, so reading window.location is safe here.
export function NewToken({ token }: { token: CreatedToken }) {
  const example = curlExample({ origin: window.location.origin, ...token });
  return (
    <div className="space-y-3 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-600/30">
      <p className="font-medium">Copy this token now; it will not be shown again.</p>
      <div className="flex flex-wrap items-center gap-3">
        <code aria-label="New token" className="block break-all font-mono text-xs">
          {token.secret}
        </code>
        <CopyButton text={token.secret} />
      </div>
      <div className="space-y-1">
        <p className="font-medium">{token.kind === "SIGNAL_PUSH" ? "Push a sample to this release" : "Evaluate the built-in flags (OFREP)"}</p>
        <pre aria-label="Curl example" className="overflow-x-auto rounded bg-white p-2 font-mono text-xs ring-1 ring-slate-200">
          {example}
        </pre>
        <CopyButton text={example} label="Copy curl example" />
      </div>
    </div>
  );
}
