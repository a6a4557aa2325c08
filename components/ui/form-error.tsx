import type { ErrorBody } from "@/lib/errors";

// The form-level message of a failed save; conflicts say plainly that nothing was overwritten.
export function FormError({ error }: { error: ErrorBody | null }) {
  if (!error) return null;
  const tone = error.code === "CONFLICT" ? "bg-amber-50 text-amber-900 ring-amber-600/30" : "bg-red-50 text-red-800 ring-red-600/20";
  return (
    <p role="alert" className={`rounded-md px-3 py-2 text-sm ring-1 ring-inset ${tone}`}>
      {error.code === "INVALID" && error.fieldErrors ? "Some fields need attention; see below." : error.message}
    </p>
  );
}

export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {messages.join(" ")}
    </p>
  );
}
