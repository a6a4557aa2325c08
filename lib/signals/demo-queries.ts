// The cockpit page still imports this path and is being edited by someone else; the module now
// lives with the demo source. Point that import at sources/demo/queries and delete this file.
export { isDemoRegressed } from "@/lib/signals/sources/demo/queries";
