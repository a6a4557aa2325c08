import type { ReactNode } from "react";
import { formatInstant } from "@/lib/format/time";
import type { AuditEntry } from "@/lib/audit/report/types";
import type { ReviewView } from "@/lib/releases/review-queries";

const cell = "border-b border-slate-200 py-1 pr-3 text-left align-top";

// The review: what happened in the team's words, the follow-ups with owners, and the notes taken
// during the deploy. `editor` holds the form for those who may write it once the release ended.
export function ReportReview({ review, events, editor }: { review: ReviewView; events: AuditEntry[]; editor?: ReactNode }) {
  const notes = events.filter((e) => e.action === "note.added");
  return (
    <section aria-labelledby="review-heading" className="break-inside-avoid space-y-2">
      <h2 id="review-heading" className="text-lg font-semibold">
        Review
      </h2>
      <h3 className="font-semibold">What happened</h3>
      {review.summary ? <p className="whitespace-pre-wrap">{review.summary}</p> : <p className="text-slate-600">Nobody has written the review yet.</p>}
      {review.updatedBy && review.updatedAt && (
        <p className="text-xs text-slate-600">
          Last edited by {review.updatedBy} at {formatInstant(review.updatedAt.getTime())}
        </p>
      )}
      <h3 className="font-semibold">Follow-ups</h3>
      {review.followUps.length === 0 ? (
        <p className="text-slate-600">No follow-ups recorded.</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr>
              <th scope="col" className={cell}>
                Follow-up
              </th>
              <th scope="col" className={cell}>
                Owner
              </th>
            </tr>
          </thead>
          <tbody>
            {review.followUps.map((f) => (
              <tr key={f.id}>
                <td className={cell}>{f.text}</td>
                <td className={cell}>{f.owner?.name ?? "Nobody yet"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="font-semibold">Notes during the deploy</h3>
      {notes.length === 0 ? (
        <p className="text-slate-600">No notes were added during the deploy.</p>
      ) : (
        <ul className="space-y-1">
          {notes.map((note) => (
            <li key={note.id}>
              <span className="whitespace-nowrap text-slate-600">{formatInstant(note.at)}</span> · {note.actorLabel}:{" "}
              {String((note.after as { text?: string } | null)?.text ?? "")}
            </li>
          ))}
        </ul>
      )}
      {editor}
    </section>
  );
}
