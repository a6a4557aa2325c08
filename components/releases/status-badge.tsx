import { Badge, type Tone } from "@/components/ui/badge";
import { RELEASE_STATUS_LABEL, STAGE_STATUS_LABEL } from "@/lib/format/labels";

const RELEASE_TONE: Record<keyof typeof RELEASE_STATUS_LABEL, Tone> = {
  DRAFT: "neutral",
  READY: "info",
  IN_PROGRESS: "warning",
  PAUSED: "danger",
  STOPPED: "danger",
  COMPLETED: "success",
  ROLLED_BACK: "danger",
  ABANDONED: "neutral",
};

export function ReleaseStatusBadge({ status }: { status: keyof typeof RELEASE_STATUS_LABEL }) {
  return <Badge tone={RELEASE_TONE[status]}>{RELEASE_STATUS_LABEL[status]}</Badge>;
}

const STAGE_TONE: Record<keyof typeof STAGE_STATUS_LABEL, Tone> = { PENDING: "neutral", ACTIVE: "warning", DONE: "success" };

export function StageStatusBadge({ status }: { status: keyof typeof STAGE_STATUS_LABEL }) {
  return <Badge tone={STAGE_TONE[status]}>{STAGE_STATUS_LABEL[status]}</Badge>;
}
