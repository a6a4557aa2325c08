import { ForbiddenNotice } from "@/components/ui/forbidden";

// What this page answers, with HTTP 403, when it calls forbidden(): the reason belongs to the page.
export default function Forbidden() {
  return <ForbiddenNotice reason="Target databases are managed by admins." />;
}
