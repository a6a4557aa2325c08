// Where sign-in sends someone afterwards: the page they were going to, when it is a path on this
// site. Anything else (another host, a scheme, a path a browser would read as another host) is
// refused, so a crafted link cannot turn the sign-in page into a redirector (open redirect).

// Set by proxy.ts on every page request, read by requireUser (layouts are not told the path).
export const RETURN_PATH_HEADER = "x-switchback-return-path";
export const DEFAULT_LANDING = "/releases";

const BASE = new URL("http://switchback.invalid");
const MAX_LENGTH = 2048;
// Browsers drop tabs and newlines from URLs and read "\" as "/": "/\t/evil" and "/\evil" both
// become "//evil", another host. Such paths never come from a link of ours.
const UNSAFE = /[\\\u0000-\u001f\u007f]/;

export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > MAX_LENGTH || !value.startsWith("/") || value.startsWith("//") || UNSAFE.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE.origin) return null;
  // Back to the sign-in page would be a loop.
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/sign-in/")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

// The sign-in page, told where to go afterwards unless that is where it goes anyway.
export function signInHref(path: unknown): string {
  const safe = safeReturnPath(path);
  return safe && safe !== DEFAULT_LANDING ? `/sign-in?${new URLSearchParams({ callbackUrl: safe })}` : "/sign-in";
}
