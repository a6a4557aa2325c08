// The backfill switch's OFREP key, browser-safe: the plan's input schema refuses it as a flag key.

export const BACKFILL_SUFFIX = ".backfill-paused";

export const backfillKey = (flagKey: string) => `${flagKey}${BACKFILL_SUFFIX}`;

// A person's flag may not take the switch's name: a release's flag "x.backfill-paused" would
// share its row with the backfill switch of the release whose flag is "x".
export const isBackfillKey = (key: string) => key.endsWith(BACKFILL_SUFFIX);
