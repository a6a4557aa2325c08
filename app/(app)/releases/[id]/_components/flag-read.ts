import "server-only";
import { cache } from "react";
import { readFlagState } from "@/lib/flags/read-state";

// One provider read per request. Every claim a page makes about the flag (the state bar, the kill
// switch panel, the recommendation, the auto-stop banner) awaits this same promise, so no two of
// them can show different reads, however the page streams.
export const readFlagOnce = cache(readFlagState);
