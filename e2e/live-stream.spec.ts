import type { BrowserContext } from "@playwright/test";
import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// The SSE stream as any EventSource sees it: a cursor in every event id, and Last-Event-ID on
// reconnect replays exactly what was missed.

interface Event {
  id: string;
  samples: { value: number }[];
}

async function cookieHeader(context: BrowserContext) {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

async function readEvents(url: string, headers: Record<string, string>, until: (events: Event[]) => boolean): Promise<Event[]> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { Accept: "text/event-stream", ...headers }, signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: Event[] = [];
  let buffer = "";
  const deadline = Date.now() + 15_000;
  while (!until(events) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const id = block.match(/^id: (.*)$/m)?.[1];
      const data = block.match(/^data: (.*)$/m)?.[1];
      if (id && data) events.push({ id, samples: JSON.parse(data).samples });
    }
  }
  controller.abort();
  return events;
}

test("events sent while a client is disconnected arrive after it reconnects", async ({ page, makeUser, db, request, baseURL }) => {
  const owner = await makeUser("OPERATOR");
  const release = await makeLiveRelease(db, { decision: owner, backup: await makeUser("OPERATOR"), creator: owner });
  await signInAs(page, owner);
  const headers = { Cookie: await cookieHeader(page.context()) };
  const url = `${baseURL}/api/releases/${release.id}/stream?since=a:0,s:0`;
  const push = async (value: number) => {
    const response = await request.post(`/api/v1/releases/${release.id}/signals`, {
      headers: { Authorization: `Bearer ${release.token}` },
      data: [{ signal: "error_rate", value }],
    });
    expect(response.status()).toBe(202);
  };

  await push(1.1);
  const first = await readEvents(url, headers, (events) => events.some((e) => e.samples.some((s) => s.value === 1.1)));
  const lastEventId = first.at(-1)!.id;
  expect(lastEventId).toMatch(/^a:\d+,s:\d+$/);

  // Disconnected: these happen while nobody listens.
  await push(2.2);
  await push(3.3);

  const resumed = await readEvents(url, { ...headers, "Last-Event-ID": lastEventId }, (events) =>
    events.flatMap((e) => e.samples).some((s) => s.value === 3.3),
  );
  const values = resumed.flatMap((e) => e.samples.map((s) => s.value));
  expect(values).toEqual([2.2, 3.3]);
});

test("the stream needs a session", async ({ playwright, baseURL, db, makeUser }) => {
  const owner = await makeUser("OPERATOR");
  const release = await makeLiveRelease(db, { decision: owner, backup: await makeUser("OPERATOR"), creator: owner });
  const anonymous = await playwright.request.newContext({ baseURL });
  const response = await anonymous.get(`/api/releases/${release.id}/stream`);
  expect(response.status()).toBe(401);
  await anonymous.dispose();
});
