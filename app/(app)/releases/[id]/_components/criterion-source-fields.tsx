import { Select, TextArea, TextInput } from "@/components/ui/form-controls";
import type { ConfigField, SignalConfigColumns, SourceCatalogEntry } from "@/lib/signals/sources/types";

// A source's settings as form fields, from its catalog entry: text, code, multi-line SQL, or a
// choice. Choices are held by the form (a choice may show another field or fix the unit).

export type ChoiceValues = Partial<Record<keyof SignalConfigColumns, string>>;

/** The starting value of each choice: the saved one, else the first option. */
export function initialChoices(source: SourceCatalogEntry | null, saved?: Partial<SignalConfigColumns>): ChoiceValues {
  const fields = (source?.fields ?? []).filter((field) => field.input === "select");
  return Object.fromEntries(fields.map((field) => [field.name, saved?.[field.name] ?? field.options?.[0]?.value ?? ""]));
}

/** The unit a choice fixes (a built-in database metric has its own), if any. */
export function fixedUnit(source: SourceCatalogEntry | null, choices: ChoiceValues): string | undefined {
  for (const field of source?.fields ?? []) {
    const unit = field.options?.find((option) => option.value === choices[field.name])?.unit;
    if (unit) return unit;
  }
  return undefined;
}

const shown = (field: ConfigField, choices: ChoiceValues) => !field.shownWhen || choices[field.shownWhen.field] === field.shownWhen.equals;

export function SourceFields({
  source,
  prefix,
  saved,
  choices,
  onChoice,
  err,
}: {
  source: SourceCatalogEntry | null;
  prefix: string;
  saved?: Partial<SignalConfigColumns>;
  choices: ChoiceValues;
  onChoice: (name: keyof SignalConfigColumns, value: string) => void;
  err: (name: string) => string[] | undefined;
}) {
  return (source?.fields ?? [])
    .filter((field) => shown(field, choices))
    .map((field) => {
      const common = { label: field.label, id: `${prefix}-${field.name}`, name: field.name, errors: err(field.name), hint: field.hint };
      return (
        <div key={field.name} className={{ select: "", sql: "md:col-span-3", code: "md:col-span-2", text: "md:col-span-2" }[field.input]}>
          {field.input === "select" ? (
            <Select {...common} value={choices[field.name] ?? ""} onChange={(e) => onChoice(field.name, e.target.value)} options={[...(field.options ?? [])]} />
          ) : field.input === "sql" ? (
            <TextArea {...common} rows={4} className="font-mono" defaultValue={saved?.[field.name] ?? ""} spellCheck={false} />
          ) : (
            <TextInput {...common} defaultValue={saved?.[field.name] ?? ""} {...(field.input === "code" && { className: "font-mono" })} />
          )}
        </div>
      );
    });
}
