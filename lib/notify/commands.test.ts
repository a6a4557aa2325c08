import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createWebhook, setWebhookEnabled } from "@/lib/notify/commands";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";

// Runs on the shared test database; the webhooks made here are disabled afterwards so that other
// tests' events are not queued for them.
const created: string[] = [];
afterAll(() => testDb().webhook.updateMany({ where: { id: { in: created } }, data: { enabled: false } }));

const input = { name: "Releases channel", url: "https://hooks.slack.example/services/T000/B000/XXXX", events: ["decision", "auto_stop"] };

const auditOf = (webhookId: string) =>
  testDb().auditEvent.findMany({
    where: { after: { path: ["webhookId"], equals: webhookId } },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true, before: true, after: true },
  });

async function adminCreates() {
  const admin = await createUser("ADMIN");
  const result = ok(await as(admin)(createWebhook, input));
  created.push(result.id);
  return { admin, ...result };
}

describe("createWebhook", () => {
  it("stores the webhook with a fresh secret, returns the secret once and audits without it", async () => {
    const { admin, id, secret } = await adminCreates();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await testDb().webhook.findUniqueOrThrow({
      where: { id },
      select: { name: true, url: true, secret: true, events: true, enabled: true, createdById: true },
    });
    expect(stored).toEqual({ ...input, secret, enabled: true, createdById: admin.id });

    const events = await auditOf(id);
    expect(events).toEqual([
      {
        action: "webhook.created",
        actorId: admin.id,
        before: null,
        after: { webhookId: id, name: input.name, host: "hooks.slack.example", events: input.events, enabled: true },
      },
    ]);
    // Neither the secret nor the URL (a Slack webhook URL is a credential) may reach the audit trail.
    expect(JSON.stringify(events)).not.toContain(secret);
    expect(JSON.stringify(events)).not.toContain("XXXX");
  });

  it("refuses anyone but an admin and stores nothing", async () => {
    for (const role of ["VIEWER", "OPERATOR"] as const) {
      const name = `Refused ${role} ${randomUUID()}`;
      const result = await as(await createUser(role))(createWebhook, { ...input, name });
      expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await testDb().webhook.count({ where: { name } })).toBe(0);
    }
  });

  it("asks for an http(s) URL and at least one event", async () => {
    const admin = await createUser("ADMIN");
    const result = await as(admin)(createWebhook, { name: "x", url: "ftp://example.com/hook", events: [] });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "INVALID", fieldErrors: { url: ["Enter an http:// or https:// URL"], events: ["Choose at least one event"] } },
    });
    const unknown = await as(admin)(createWebhook, { ...input, events: ["deploy"] });
    expect(unknown).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { "events.0": expect.any(Array) } } });
  });

  it("refuses loopback, private, link-local and metadata addresses in any spelling, on the URL field", async () => {
    const admin = await createUser("ADMIN");
    const refused = [
      "http://127.0.0.1:6379/",
      "http://2130706433/",
      "http://0x7f.1/",
      "http://0177.0.0.1/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://10.0.0.5/",
      "http://172.16.0.1/",
      "http://192.168.1.10/hook",
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00::1]/",
      "http://0.0.0.0/",
      "http://localhost:3000/",
      "http://api.localhost/",
    ];
    for (const url of refused) {
      const name = `Refused ${randomUUID()}`;
      const result = await as(admin)(createWebhook, { ...input, name, url });
      expect(result, url).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { url: [expect.stringContaining("WEBHOOK_ALLOW_PRIVATE")] } } });
      expect(await testDb().webhook.count({ where: { name } })).toBe(0);
    }
  });
});

describe("setWebhookEnabled", () => {
  it("disables and enables again, each change audited, a repeated click a conflict", async () => {
    const { admin, id } = await adminCreates();
    expect(ok(await as(admin)(setWebhookEnabled, { webhookId: id, enabled: false }))).toEqual({ id, enabled: false });
    expect(await testDb().webhook.findUniqueOrThrow({ where: { id }, select: { enabled: true, disabledAt: true } })).toEqual({
      enabled: false,
      disabledAt: expect.any(Date),
    });
    expect(await as(admin)(setWebhookEnabled, { webhookId: id, enabled: false })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });

    ok(await as(admin)(setWebhookEnabled, { webhookId: id, enabled: true }));
    expect(await testDb().webhook.findUniqueOrThrow({ where: { id }, select: { enabled: true, disabledAt: true } })).toEqual({
      enabled: true,
      disabledAt: null,
    });

    const events = await auditOf(id);
    expect(events.map((e) => e.action)).toEqual(["webhook.created", "webhook.disabled", "webhook.enabled"]);
    expect(events[1]).toMatchObject({ actorId: admin.id, before: { enabled: true }, after: { webhookId: id, enabled: false } });
  });

  it("refuses a non-admin and changes nothing", async () => {
    const { id } = await adminCreates();
    const result = await as(await createUser("OPERATOR"))(setWebhookEnabled, { webhookId: id, enabled: false });
    expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect((await testDb().webhook.findUniqueOrThrow({ where: { id }, select: { enabled: true } })).enabled).toBe(true);
    expect((await auditOf(id)).map((e) => e.action)).toEqual(["webhook.created"]);
  });

  it("says so when the webhook does not exist", async () => {
    const result = await as(await createUser("ADMIN"))(setWebhookEnabled, { webhookId: randomUUID(), enabled: false });
    expect(result).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
