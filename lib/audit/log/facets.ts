import type { Sql } from "@/lib/db/sql";

// The choices of the audit log's filter form. Read on every page view, so none of them may scan
// the audit table: actions come from a loose index scan (one probe of the action index per
// distinct action), system actors from the most recent system events only.

export interface AuditFacets {
  releases: { id: string; title: string }[];
  // `value` is what the filter's `actor` parameter takes: a user's id or a system actor's label.
  actors: { value: string; label: string; system: boolean }[];
  actions: string[];
}

// System actors are few and recur (auto-stop, sign-in, the seed); a label unseen in this many
// recent system events is still filterable through the URL (?actor=<label>). Ordering by
// actor_id first lets the (actor_id, at, id) index serve "actor_id IS NULL" newest first, so the
// query reads these rows and no others (~2 ms on a million events).
const RECENT_SYSTEM_EVENTS = 2000;

export async function readAuditFacets(sql: Sql): Promise<AuditFacets> {
  const [releases, users, systemLabels, actions] = await Promise.all([
    sql.query<{ id: string; title: string }>("SELECT id::text AS id, title FROM releases ORDER BY title, id", [], "audit_facets_releases"),
    sql.query<{ id: string; name: string }>("SELECT id::text AS id, name FROM users ORDER BY name, id", [], "audit_facets_users"),
    sql.query<{ label: string }>(
      `SELECT DISTINCT actor_label AS label
         FROM (SELECT actor_label FROM audit_events WHERE actor_id IS NULL ORDER BY actor_id DESC, at DESC, id DESC LIMIT ${RECENT_SYSTEM_EVENTS}) recent
        ORDER BY label`,
      [],
      "audit_facets_system_actors",
    ),
    sql.query<{ action: string }>(
      `WITH RECURSIVE a(action) AS (
         (SELECT action FROM audit_events ORDER BY action LIMIT 1)
         UNION ALL
         SELECT (SELECT e.action FROM audit_events e WHERE e.action > a.action ORDER BY e.action LIMIT 1) FROM a WHERE a.action IS NOT NULL)
       SELECT action FROM a WHERE action IS NOT NULL`,
      [],
      "audit_facets_actions",
    ),
  ]);
  return {
    releases,
    actors: [
      ...users.map((user) => ({ value: user.id, label: user.name, system: false })),
      ...systemLabels.map(({ label }) => ({ value: label, label, system: true })),
    ],
    actions: actions.map((row) => row.action),
  };
}
