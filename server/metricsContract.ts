// The names and units of Rebound's own series on GET /metrics: one contract for the server that writes them and the harness that reads them.

/** Histogram of one room's fixed step, in seconds. */
export const STEP_SECONDS = "rebound_room_step_seconds";
/** Histogram of one state patch broadcast (encode + send to every client), in seconds. */
export const PATCH_SECONDS = "rebound_patch_broadcast_seconds";
/** Counter of fixed steps run, every room of the process. */
export const STEPS_TOTAL = "rebound_room_steps_total";
/** Counter of late steps, one series per `reason` (LATE_REASON). */
export const LATE_STEPS_TOTAL = "rebound_room_late_steps_total";
/** Gauges: rooms open in this process (the lobby included), and clients connected to them. */
export const ROOMS = "rebound_rooms";
export const CONNECTED_CLIENTS = "rebound_connected_clients";

/** Why a step counts as late: it ran longer than one step period, or it began over 1.5 periods after it was due on its room's schedule (see StepTimer). */
export const LATE_REASON = { overran: "overran", startedLate: "started_late" } as const;
export type LateReason = (typeof LATE_REASON)[keyof typeof LATE_REASON];

/** Sampling interval of the event-loop delay monitor: its readings include it, so readers subtract it. */
export const EVENT_LOOP_RESOLUTION_MS = 10;

/** prom-client's default series that the harness reads. */
export const DEFAULT_SERIES = {
  eventLoopDelayP99: "nodejs_eventloop_lag_p99_seconds",
  rss: "process_resident_memory_bytes",
  heapUsed: "nodejs_heap_size_used_bytes",
  cpuUser: "process_cpu_user_seconds_total",
  cpuSystem: "process_cpu_system_seconds_total",
} as const;
