import type { StageName } from "@/lib/api/v1/schemas";

export const STAGE_TITLE: Record<StageName, string> = { expand: "Expand", migrate: "Migrate", contract: "Contract" };
