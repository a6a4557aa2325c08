// Every PostgreSQL advisory-lock key Switchback uses, in one place so two never collide. The
// 7340xxx range is Switchback's; a key pair (key, hashtext(…)) narrows a lock to one row or flag.
export const LOCK = {
  // Session locks: one leader per background loop, one migrator at a time.
  // Older than the range; kept so an instance of an earlier version still waits for this one.
  migrations: 72707369,
  demoSeed: 7340002,
  prometheusLeader: 7340010,
  demoLeader: 7340011,
  webhookLeader: 7340012,
  autoStopLeader: 7340013,
  auditCheckpointLeader: 7340017,
  targetWatchLeader: 7340018,
  retentionLeader: 7340019,
  // Transaction locks with a second key.
  signalIngest: 7340100,
  flagFlip: 7340200,
} as const;
