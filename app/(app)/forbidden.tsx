import { ForbiddenNotice } from "@/components/ui/forbidden";

// The fallback, with HTTP 403, for a page below that calls forbidden() without a forbidden.tsx of
// its own (each page that refuses should have one saying what it needs: e2e/forbidden-pages.spec.ts).
export default function Forbidden() {
  return <ForbiddenNotice reason="Your role does not allow this page." />;
}
