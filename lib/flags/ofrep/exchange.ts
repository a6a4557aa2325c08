import { readTextLimited } from "@/lib/http/read-body";

// An OFREP evaluation as plain data, so one handler serves both doors (lib/http/ofrep-lane.ts):
// Next.js's route files hand it a web Request and send back a Response; the server's fast lane
// reads node:http's request and writes the answer straight to the socket. After a flip every
// connected provider re-fetches at once, and building a web Request, its body stream, an abort
// signal and a Response for each cost more server time than the evaluation itself (measured by
// `npm run bench:kill-switch`: about half of each request's CPU time).

// What an evaluation reads of its request.
export interface OfrepAsk {
  headers: Pick<Headers, "get">;
  // Absolute: the event stream's URL is built from its origin.
  url: string;
  // The body as text, refused past `limit` bytes (AppError TOO_LARGE) while it streams in.
  readText(limit: number): Promise<string>;
}

// What it answers: status, headers and a JSON body (none for a 304).
export interface OfrepAnswer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export const askOf = (request: Request): OfrepAsk => ({
  headers: request.headers,
  url: request.url,
  readText: (limit) => readTextLimited(request, limit),
});

export const responseOf = (answer: OfrepAnswer): Response => (answer.body === undefined ? new Response(null, answer) : Response.json(answer.body, answer));
