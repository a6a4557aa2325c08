import { describeBreachToOff, type BreachToOff } from "@/lib/audit/report/breach-to-off";
import { formatDuration, type StageDuration } from "@/lib/audit/report/durations";
import { formatInstant } from "@/lib/format/time";
import { stageName } from "@/lib/audit/report/summary";
import { HeadedSection } from "@/components/ui/section";
import { ReportTable } from "@/components/audit/release/report-table";

// A little more room between columns than the other tables: the instants are long.
const cell = "border-b border-slate-200 py-1 pr-4 text-left align-top";

function Length({ duration }: { duration: StageDuration }) {
  if (duration.state === "not started") return <>not started</>;
  if (duration.state === "active") return <>{formatDuration(duration.ms)}, still active</>;
  return <>{duration.ms === null ? "start not recorded" : formatDuration(duration.ms)}</>;
}

export function StageTimes({ durations }: { durations: StageDuration[] }) {
  return (
    <HeadedSection id="stage-times-heading" title="Time in each stage" className="break-inside-avoid space-y-1">
      <ReportTable columns={["Stage", "Started", "Completed", "Time spent"]} cell={cell}>
        {durations.map((d) => (
          <tr key={d.kind}>
            <th scope="row" className={cell}>
              {stageName(d.kind)}
            </th>
            <td className={cell}>{d.state !== "not started" && d.startedAt !== null ? formatInstant(d.startedAt) : "—"}</td>
            <td className={cell}>{d.state === "done" ? formatInstant(d.completedAt) : "—"}</td>
            <td className={cell}>
              <Length duration={d} />
            </td>
          </tr>
        ))}
      </ReportTable>
    </HeadedSection>
  );
}

export function BreachToOffSection({ result }: { result: BreachToOff }) {
  return (
    <HeadedSection id="breach-heading" title="From first stop breach to flag off" className="break-inside-avoid space-y-1">
      {result.kind === "stopped" && <p className="text-2xl font-semibold">{formatDuration(result.ms)}</p>}
      <p className="text-sm">{describeBreachToOff(result)}</p>
      <p className="text-xs text-slate-600">
        Measured from the first sample after the deploy started that crossed a stop threshold to the first flag-off at or after it (by a person, or by auto-stop
        when it changed the flag).
      </p>
    </HeadedSection>
  );
}
