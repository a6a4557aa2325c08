// `--wait` as people write it in a pipeline file: plain seconds ("900") or one unit ("90s", "15m", "1h").
// Hand-written: four units do not justify a dependency, and the error names the accepted forms.

const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;

export function parseDuration(text: string): number {
  const match = /^(\d+)\s*([smh]?)$/i.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration: write seconds (900) or a number with s, m or h (90s, 15m, 1h).`);
  const unit = (match[2] || "s").toLowerCase() as keyof typeof UNIT_SECONDS;
  return Number(match[1]) * UNIT_SECONDS[unit];
}

export function formatDuration(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
