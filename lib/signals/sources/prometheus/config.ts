import { z } from "@/lib/input/zod";
import type { ConfigField, SourceCatalogEntry } from "@/lib/signals/sources/types";

// What a Prometheus signal needs: the PromQL the poller asks for, one number per poll.

export const prometheusConfig = z.object({
  promql: z
    .string({ error: "Give the PromQL expression to poll" })
    .trim()
    .min(1, "Give the PromQL expression to poll")
    .max(2000, "Keep the query under 2,000 characters"),
});

export const prometheusFields: readonly ConfigField[] = [{ name: "promql", label: "PromQL", input: "code" }];

export const prometheusCatalog: SourceCatalogEntry = {
  kind: "PROMETHEUS",
  label: "Prometheus query",
  tag: "Prometheus",
  selectable: true,
  config: prometheusConfig,
  fields: prometheusFields,
};
