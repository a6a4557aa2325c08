import { env } from "@/lib/env";

// Where the documented API lives: PUBLIC_URL when the operator set it (behind a proxy the request's
// own origin may be an internal address), else the origin this request came to.
export const apiServerUrl = (request: Request) => env.PUBLIC_URL?.replace(/\/+$/, "") ?? new URL(request.url).origin;
