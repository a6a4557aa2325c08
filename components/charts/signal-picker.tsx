// Which signal a chart draws: the "Chart signal" choice beside the live chart and the report's.
export function SignalPicker({
  signals,
  value,
  onChange,
}: {
  signals: { key: string; name: string }[];
  value: string | undefined;
  onChange: (key: string) => void;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      Chart signal
      <select value={value} onChange={(e) => onChange(e.target.value)} className="rounded-md px-2 py-1 ring-1 ring-slate-300">
        {signals.map((s) => (
          <option key={s.key} value={s.key}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
