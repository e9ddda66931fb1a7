// Forwards the metrics token to bench/lib/serverMetrics.ts, which is moving to harness/ in another change; the launcher is harness/childServer.ts. Delete once nothing imports this.
export { METRICS_AUTH } from "../../harness/childServer.ts";
