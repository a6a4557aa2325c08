import type { FormHTMLAttributes } from "react";
import { FormError } from "@/components/ui/form-error";
import type { ErrorBody } from "@/lib/errors";

// A form that saves through a mutation (components/hooks/use-mutation.ts) rather than a page
// load: submitting calls `onSubmit` with the form (for its FormData), and the mutation's refusal is shown above the fields.
export function MutationForm({
  error,
  onSubmit,
  children,
  ...form
}: Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit"> & { error: ErrorBody | null; onSubmit: (form: HTMLFormElement) => void }) {
  return (
    <form
      {...form}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(event.currentTarget);
      }}
    >
      <FormError error={error} />
      {children}
    </form>
  );
}
