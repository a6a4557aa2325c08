import { preflight } from "@/lib/flags/ofrep/cors";
import { configuration } from "@/lib/flags/ofrep/configuration";

export const dynamic = "force-static";

export function GET() {
  return configuration();
}

export const OPTIONS = preflight;
