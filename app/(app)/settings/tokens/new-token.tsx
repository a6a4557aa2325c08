"use client";

import { curlExample, pipelineExamples } from "@/lib/tokens/curl-example";
import { isTokenScope } from "@/lib/tokens/scopes";
import type { TokenKind } from "@/lib/tokens/tokens";
import { CopyButton } from "@/components/ui/copy-button";

export interface CreatedToken {
  secret: string;
  kind: TokenKind;
  releaseId: string | null;
  scopes: string[];
  service: string | null;
  // The release's title as the form listed it, to say what a pipeline token covers.
  releaseTitle: string | null;
}

const exampleClass = "overflow-x-auto rounded bg-white p-2 font-mono text-xs ring-1 ring-slate-200";

// The secret, shown once, and calls that use it against this very server (the page's origin).
// Rendered only after a creation in the browser, so reading window.location is safe here.
export function NewToken({ token }: { token: CreatedToken }) {
  const origin = window.location.origin;
  return (
    <div className="space-y-3 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-600/30">
      <p className="font-medium">Copy this token now; it will not be shown again.</p>
      <div className="flex flex-wrap items-center gap-3">
        <code aria-label="New token" className="block break-all font-mono text-xs">
          {token.secret}
        </code>
        <CopyButton text={token.secret} />
      </div>
      {token.kind === "PIPELINE" ? (
        <PipelineCalls origin={origin} token={token} />
      ) : (
        <Example
          title={token.kind === "SIGNAL_PUSH" ? "Push a sample to this release" : "Evaluate the built-in flags (OFREP)"}
          label="Curl example"
          command={curlExample({ origin, ...token })}
        />
      )}
    </div>
  );
}

function PipelineCalls({ origin, token }: { origin: string; token: CreatedToken }) {
  const examples = pipelineExamples({ origin, ...token, scopes: token.scopes.filter(isTokenScope) });
  return (
    <>
      <p>
        Scopes: <span className="font-mono">{token.scopes.join(", ")}</span>.{" "}
        {token.service ? `Covers every release of ${token.service}.` : `Covers the release “${token.releaseTitle ?? token.releaseId}”.`}
      </p>
      {examples.map((example) => (
        <Example key={example.scope} title={example.title} label={`Curl example: ${example.scope}`} command={example.command} />
      ))}
    </>
  );
}

function Example({ title, label, command }: { title: string; label: string; command: string }) {
  return (
    <div className="space-y-1">
      <p className="font-medium">{title}</p>
      <pre aria-label={label} className={exampleClass}>
        {command}
      </pre>
      <CopyButton text={command} label={`Copy ${label.charAt(0).toLowerCase()}${label.slice(1)}`} />
    </div>
  );
}
