import { describeBreachToOff, type BreachToOff } from "@/lib/audit/report/breach-to-off";
import { formatDuration, type StageDuration } from "@/lib/audit/report/durations";
import { formatInstant } from "@/lib/format/time";
import { stageName } from "@/lib/audit/report/summary";

const cell = "border-b border-slate-200 py-1 pr-4 text-left align-top";

function Length({ duration }: { duration: StageDuration }) {
  if (duration.state === "not started") return <>not started</>;
  if (duration.state === "active") return <>{formatDuration(duration.ms)}, still active</>;
  return <>{duration.ms === null ? "start not recorded" : formatDuration(duration.ms)}</>;
}

export function StageTimes({ durations }: { durations: StageDuration[] }) {
  return (
    <section aria-labelledby="stage-times-heading" className="break-inside-avoid space-y-1">
      <h2 id="stage-times-heading" className="text-lg font-semibold">
        Time in each stage
      </h2>
      <div tabIndex={0} className="relative overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr>
              <th scope="col" className={cell}>
                Stage
              </th>
              <th scope="col" className={cell}>
                Started
              </th>
              <th scope="col" className={cell}>
                Completed
              </th>
              <th scope="col" className={cell}>
                Time spent
              </th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function BreachToOffSection({ result }: { result: BreachToOff }) {
  return (
    <section aria-labelledby="breach-heading" className="break-inside-avoid space-y-1">
      <h2 id="breach-heading" className="text-lg font-semibold">
        From first stop breach to flag off
      </h2>
      {result.kind === "stopped" && <p className="text-2xl font-semibold">{formatDuration(result.ms)}</p>}
      <p className="text-sm">{describeBreachToOff(result)}</p>
      <p className="text-xs text-slate-600">
        Measured from the first sample after the deploy started that crossed a stop threshold to the first flag-off at or after it (by a person, or by auto-stop
        when it changed the flag).
      </p>
    </section>
  );
}
