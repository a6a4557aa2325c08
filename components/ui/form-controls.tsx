import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { FieldError } from "@/components/ui/form-error";

const control = (invalid: boolean) =>
  `block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-inset focus:ring-indigo-600 ${invalid ? "ring-red-500" : "ring-slate-300"}`;

interface Labelled {
  label: string;
  id: string;
  errors?: string[];
  hint?: ReactNode;
}

function Wrapper({ label, id, errors, hint, children }: Labelled & { children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}

const describedBy = (id: string, errors?: string[]) => (errors?.length ? `${id}-error` : undefined);

export function TextInput({ label, id, errors, hint, ...input }: Labelled & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Wrapper label={label} id={id} errors={errors} hint={hint}>
      <input id={id} aria-invalid={!!errors?.length || undefined} aria-describedby={describedBy(id, errors)} className={control(!!errors?.length)} {...input} />
    </Wrapper>
  );
}

export function TextArea({ label, id, errors, hint, className = "", ...input }: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Wrapper label={label} id={id} errors={errors} hint={hint}>
      <textarea
        id={id}
        aria-invalid={!!errors?.length || undefined}
        aria-describedby={describedBy(id, errors)}
        className={`${control(!!errors?.length)} ${className}`}
        {...input}
      />
    </Wrapper>
  );
}

export function Select({
  label,
  id,
  errors,
  hint,
  options,
  ...select
}: Labelled & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  return (
    <Wrapper label={label} id={id} errors={errors} hint={hint}>
      <select id={id} aria-invalid={!!errors?.length || undefined} aria-describedby={describedBy(id, errors)} className={control(!!errors?.length)} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

export interface Person {
  id: string;
  name: string;
}

export const personOptions = (people: Person[], none = "Unassigned") => [{ value: "", label: none }, ...people.map((p) => ({ value: p.id, label: p.name }))];
