"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@/components/hooks/use-mutation";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { TextInput } from "@/components/ui/form-controls";
import { FieldError, FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/lib/format/time";
import { createWebhookAction, setWebhookEnabledAction } from "./actions";
import { DataTable } from "@/components/ui/table";

export interface WebhookRow {
  id: string;
  name: string;
  url: string;
  // Labels, resolved by the page.
  events: string[];
  enabled: boolean;
  createdAt: Date;
  disabledAt: Date | null;
}

export function WebhookManager({ webhooks, eventOptions }: { webhooks: WebhookRow[]; eventOptions: { value: string; label: string }[] }) {
  const create = useMutation(createWebhookAction);
  const toggle = useMutation(setWebhookEnabledAction);
  const [secret, setSecret] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    // Checkboxes share one name; Object.fromEntries would keep only the last one ticked.
    void create.run({ name: data.get("name"), url: data.get("url"), events: data.getAll("events") }, (created) => {
      setSecret(created.secret);
      form.reset();
    });
  };
  const eventErrors = create.fieldError("events");
  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" noValidate>
        <h2 className="text-lg font-semibold">New webhook</h2>
        <FormError error={create.error} />
        <div className="grid gap-3 md:grid-cols-2">
          <TextInput label="Webhook name" id="webhook-name" name="name" errors={create.fieldError("name")} placeholder="#releases in Slack" />
          <TextInput label="URL" id="webhook-url" name="url" type="url" errors={create.fieldError("url")} placeholder="https://hooks.slack.com/services/…" />
        </div>
        <fieldset aria-describedby={eventErrors?.length ? "webhook-events-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Events</legend>
          <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
            {eventOptions.map((option) => (
              <label key={option.value} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="events" value={option.value} defaultChecked className="h-4 w-4 rounded border-slate-300 text-indigo-600" />
                {option.label}
              </label>
            ))}
          </div>
          <FieldError id="webhook-events-error" messages={eventErrors} />
        </fieldset>
        <button type="submit" disabled={create.pending} className={buttonClass("primary")}>
          Add webhook
        </button>
        {secret && (
          <div role="status" className="space-y-2 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-600/30">
            <p className="font-medium">Copy this signing secret now; it will not be shown again.</p>
            <code aria-label="Signing secret" className="block break-all font-mono text-xs">
              {secret}
            </code>
            <p>
              To check a request came from Switchback, compute{" "}
              <code className="font-mono text-xs">X-Switchback-Signature: sha256=HMAC(secret, timestamp + &quot;.&quot; + body)</code>: HMAC-SHA256 in hex over
              the value of <code className="font-mono text-xs">X-Switchback-Timestamp</code>, a dot and the raw request body, compared in constant time. Refuse
              old timestamps to stop replays.
            </p>
          </div>
        )}
      </form>
      <FormError error={toggle.error} />
      {webhooks.length === 0 ? (
        <p className="text-sm text-slate-600">No webhooks yet.</p>
      ) : (
        <DataTable columns={[{ label: "Name" }, { label: "Events" }, { label: "Status" }, { label: "Actions", srOnly: true }]} label="Configured webhooks">
          {webhooks.map((w) => (
            <tr key={w.id}>
              <td className="px-3 py-2">
                {w.name} <span className="block break-all font-mono text-xs text-slate-500">{w.url}</span>
              </td>
              <td className="px-3 py-2">{w.events.join(", ")}</td>
              <td className="px-3 py-2">{w.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled {formatDateTime(w.disabledAt)}</Badge>}</td>
              <td className="px-3 py-2 text-right">
                <button
                  type="button"
                  className={buttonClass("secondary", "py-1 text-xs")}
                  disabled={toggle.pending}
                  onClick={() => void toggle.run({ webhookId: w.id, enabled: !w.enabled })}
                  aria-label={`${w.enabled ? "Disable" : "Enable"} ${w.name}`}
                >
                  {w.enabled ? "Disable" : "Enable"}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
