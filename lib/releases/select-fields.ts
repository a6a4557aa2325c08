// Select fragments for what several readers of a release ask for alike.

// The release's flag and the guards on flipping it (auto-stop, four-eyes): what the plan shows,
// the cockpit acts on and a details edit may change.
export const FLAG_SETTINGS = {
  flagProvider: true,
  flagKey: true,
  flagEnvironment: true,
  autoStopEnabled: true,
  autoStopAfter: true,
  fourEyes: true,
} as const;

// A stage's checklist in order, with who ticked each item (as much of them as `person` selects) and
// which items Switchback computes instead (lib/proofs).
export const checklistItemsOf = <P>(person: P) =>
  ({ orderBy: { position: "asc" }, select: { id: true, text: true, isProof: true, computedProof: true, done: true, doneAt: true, doneBy: person } }) as const;
