import { escapeHtml as escape, schemaType, type JsonSchema, type OpenApiDocument } from "@/lib/api/openapi/schema-text";

// The reference page: the OpenAPI document as plain HTML for people, rendered on the server from the
// document itself (no script, no CDN), so it says exactly what /api/v1/openapi.json says.

// The document's prose uses `code` spans and "- " lists only; anything else stays literal text.
const inline = (text = "") => escape(text).replace(/`([^`]+)`/g, "<code>$1</code>");
const prose = (text = "") =>
  text
    .split(/\n{2,}/)
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split("\n");
      if (lines.every((line) => line.startsWith("- "))) return `<ul>${lines.map((line) => `<li>${inline(line.slice(2))}</li>`).join("")}</ul>`;
      return `<p>${lines.map((line) => inline(line)).join("<br>")}</p>`;
    })
    .join("");

const table = (head: string[], rows: string[][]) =>
  rows.length === 0
    ? ""
    : `<table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join("")}</tr></thead><tbody>${rows
        .map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join("")}</tr>`)
        .join("")}</tbody></table>`;

const resolve = (schema: JsonSchema | undefined, doc: OpenApiDocument) => (schema?.$ref ? doc.components?.schemas?.[schema.$ref.split("/").pop()!] : schema);
// An unnamed object inside a field (possibly nullable) is shown as its own dotted rows.
const inlineObject = (schema: JsonSchema) => (schema.properties ? schema : (schema.anyOf ?? []).find((variant) => variant.properties));

function fieldRows(schema: JsonSchema, prefix: string): string[][] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const nested = field.$ref ? undefined : inlineObject(field);
    const row = [`<code>${escape(prefix + name)}</code>`, schemaType(field), required.has(name) ? "yes" : "no", inline(field.description)];
    return [row, ...(nested ? fieldRows(nested, `${prefix}${name}.`) : [])];
  });
}

function fields(schema: JsonSchema | undefined, doc: OpenApiDocument): string {
  const resolved = resolve(schema, doc);
  if (!resolved) return "";
  if (resolved.properties) return table(["Field", "Type", "Required", "Meaning"], fieldRows(resolved, "")) || "<p>No fields.</p>";
  const variants = resolved.anyOf ?? resolved.oneOf;
  if (!variants?.some((variant) => variant.properties)) return `<p>${schemaType(resolved)}</p>`;
  return `<p>One of:</p>${variants.map((variant) => (variant.properties ? table(["Field", "Type", "Required", "Meaning"], fieldRows(variant, "")) : `<p>${schemaType(variant)}</p>`)).join("")}`;
}

function operationHtml(method: string, path: string, op: OpenApiDocument["paths"][string][string], doc: OpenApiDocument): string {
  const anchor = op.operationId ?? `${method}-${path}`;
  const scopes = op["x-scopes"]?.length ? op["x-scopes"].map((s) => `<code>${escape(s)}</code>`).join(", ") : "none";
  const params = table(
    ["Parameter", "In", "Type", "Required", "Meaning"],
    (op.parameters ?? []).map((p) => [`<code>${escape(p.name)}</code>`, p.in, schemaType(p.schema), p.required ? "yes" : "no", inline(p.description)]),
  );
  const body = op.requestBody?.content?.["application/json"]?.schema;
  const answers = table(
    ["Status", "Meaning", "Body"],
    Object.entries(op.responses ?? {}).map(([status, answer]) => {
      const [type, media] = Object.entries(answer.content ?? {})[0] ?? [];
      return [status, inline(answer.description), media?.schema ? schemaType(media.schema) : escape(type ?? "")];
    }),
  );
  return `<section id="${escape(anchor)}" aria-labelledby="${escape(anchor)}-h">
<h3 id="${escape(anchor)}-h"><span class="method">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
<p><strong>${escape(op.summary ?? "")}</strong></p>${prose(op.description)}
<p>Token scope: ${scopes}</p>
${params ? `<h4>Parameters</h4>${params}` : ""}
${body ? `<h4>Request body (JSON)</h4>${fields(body, doc)}` : ""}
<h4>Responses</h4>${answers}
</section>`;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
code{font-family:ui-monospace,monospace;font-size:.9em}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}section{border-top:1px solid #ccc;margin-top:1.5rem}
.method{font-family:ui-monospace,monospace;background:#eef;padding:0 .3rem}`;

export function referenceHtml(doc: OpenApiDocument): string {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
  const byTag = new Map<string, typeof operations>();
  for (const entry of operations) byTag.set(entry.op.tags?.[0] ?? "Other", [...(byTag.get(entry.op.tags?.[0] ?? "Other") ?? []), entry]);
  const toc = operations
    .map(
      ({ path, method, op }) => `<li><a href="#${escape(op.operationId ?? "")}">${method.toUpperCase()} ${escape(path)}</a> — ${escape(op.summary ?? "")}</li>`,
    )
    .join("");
  const sections = [...byTag].map(
    ([tag, list]) => `<h2>${escape(tag)}</h2>${list.map(({ path, method, op }) => operationHtml(method, path, op, doc)).join("")}`,
  );
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(
    ([name, schema]) => `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3>${prose(schema.description)}${fields(schema, doc)}</section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(doc.info.title)} reference</title><style>${STYLE}</style></head>
<body><main>
<h1>${escape(doc.info.title)} reference</h1>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI ${escape(doc.openapi)}).</p>
${prose(doc.info.description)}
<nav aria-label="Operations"><h2>Operations</h2><ul>${toc}</ul></nav>
${sections.join("\n")}
<h2>Schemas</h2>${schemas.join("\n")}
</main></body></html>`;
}
