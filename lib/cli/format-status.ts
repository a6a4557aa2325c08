import type { ReleaseDetail } from "@/lib/api/v1/schemas";
import { RELEASE_STATUS_LABEL, STAGE_STATUS_LABEL } from "@/lib/format/labels";
import { formatDateTime } from "@/lib/format/time";
import { STAGE_TITLE } from "@/lib/cli/stages";

// `switchback status` for people: the release on one screen, in the order someone on the deploy
// call asks about it (where are we, what was decided, what do the signals say, is the flag on).

const at = (iso: string | null) => formatDateTime(iso ? new Date(iso) : null);

export function formatStatus(release: ReleaseDetail): string {
  const active = release.activeStage ? ` · active stage: ${STAGE_TITLE[release.activeStage]}` : "";
  const lines = [
    release.service ? `${release.title} (${release.service})` : release.title,
    `Status:   ${RELEASE_STATUS_LABEL[release.status]}${active}`,
    `Page:     ${release.url}`,
    "",
    "Stages:",
  ];
  for (const stage of release.stages) {
    const when = stage.completedAt ? `done ${at(stage.completedAt)}` : stage.startedAt ? `since ${at(stage.startedAt)}` : "";
    const check = stage.verification ? `schema ${stage.verification.state}: ${stage.verification.message}` : "";
    lines.push(`  ${STAGE_TITLE[stage.stage].padEnd(9)} ${STAGE_STATUS_LABEL[stage.status].padEnd(8)} ${[when, check].filter(Boolean).join(" · ")}`.trimEnd());
  }
  const decision = release.latestDecision;
  lines.push(
    "",
    decision
      ? `Decision: ${decision.verdict} by ${decision.by} at ${at(decision.at)}${decision.stage ? ` (${STAGE_TITLE[decision.stage]})` : ""}${decision.reason ? `: ${decision.reason}` : ""}`
      : "Decision: none yet",
    `Recommendation: ${release.recommendation.verdict}: ${release.recommendation.reason}`,
  );
  for (const criterion of release.recommendation.criteria) {
    const value = criterion.value === null ? "" : ` = ${criterion.value}`;
    lines.push(`  ${criterion.status.padEnd(5)} ${criterion.signal}${value}: ${criterion.reason}`);
  }
  lines.push("", `Flag:     ${formatFlag(release.flag)}`);
  lines.push(`Ready:    ${release.readiness.ready ? "yes" : "no"}`, ...release.readiness.missing.map((missing) => `  - ${missing}`));
  return lines.join("\n");
}

function formatFlag(flag: ReleaseDetail["flag"]): string {
  if (!flag) return "none configured";
  const state = flag.enabled === null ? "unknown" : flag.enabled ? "ON" : "OFF";
  return `${flag.key} (${flag.provider}, ${flag.environment}): ${state}${flag.problem ? ` (${flag.problem})` : ""}`;
}
