// The orchestrator's handle on bot child processes: spawn with IPC, send orders, await typed replies with timeouts.
import { fork, type ChildProcess } from "node:child_process";
import { setPriority } from "node:os";
import { asFromBotProcess, type FleetPlan, type FleetReport, type FromBotProcess, type ToBotProcess } from "../bots/ipc.ts";
import { ROOT } from "../../harness/childServer.ts";
import { sampleProcess, type ProcSample } from "./procStats.ts";

export const BOT_NICE = 10;
/** A starved bot process (nice 10 on a saturated machine) can take a while to answer. */
const IPC_TIMEOUT_MS = 60_000;

type Reply<T extends FromBotProcess["type"]> = Extract<FromBotProcess, { type: T }>;

export class BotProcess {
  readonly child: ChildProcess;
  private log = "";
  private readonly waiting: ((message: FromBotProcess) => boolean)[] = [];

  private constructor(child: ChildProcess) {
    this.child = child;
    const append = (chunk: Buffer): void => {
      this.log = (this.log + chunk.toString()).slice(-10_000);
    };
    child.stdout?.on("data", append);
    child.stderr?.on("data", append);
    child.on("message", (raw: unknown) => {
      const message = asFromBotProcess(raw);
      if (!message) return;
      const index = this.waiting.findIndex((accept) => accept(message));
      if (index >= 0) this.waiting.splice(index, 1);
    });
  }

  static spawn(): BotProcess {
    const child = fork("bench/bots/botProcess.ts", [], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe", "ipc"], execPath: process.execPath });
    // Bots yield to the server under test (they stand for clients on other machines): with nice 10 the
    // server gets a whole core before our own bots take it. Other people's processes are left alone.
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, BOT_NICE);
      } catch {
        // not permitted here: measure anyway
      }
    }
    return new BotProcess(child);
  }

  get output(): string {
    return this.log;
  }

  sample(): ProcSample | null {
    return this.child.pid !== undefined && this.child.exitCode === null ? sampleProcess(this.child.pid) : null;
  }

  private request<T extends FromBotProcess["type"]>(order: ToBotProcess, expect: T, timeoutMs: number): Promise<Reply<T>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(accept);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new Error(`bot process: no "${expect}" reply to "${order.type}" within ${timeoutMs} ms\n${this.log}`));
      }, timeoutMs);
      const accept = (message: FromBotProcess): boolean => {
        if (message.type === "failed") {
          clearTimeout(timer);
          reject(new Error(`bot process failed on "${order.type}": ${message.message}\n${this.log}`));
          return true;
        }
        if (message.type !== expect) return false;
        clearTimeout(timer);
        resolve(message as Reply<T>);
        return true;
      };
      this.waiting.push(accept);
      this.child.send(order);
    });
  }

  start(plan: FleetPlan, timeoutMs: number): Promise<Reply<"ready">> {
    return this.request({ type: "start", plan }, "ready", timeoutMs);
  }

  startMatch(): Promise<Reply<"matchStarted">> {
    return this.request({ type: "startMatch" }, "matchStarted", IPC_TIMEOUT_MS);
  }

  begin(): Promise<Reply<"begun">> {
    return this.request({ type: "begin" }, "begun", IPC_TIMEOUT_MS);
  }

  async end(): Promise<FleetReport> {
    return (await this.request({ type: "end" }, "report", IPC_TIMEOUT_MS)).report;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) { resolve(); return; }
      const killer = setTimeout(() => this.child.kill("SIGKILL"), 8000);
      this.child.once("exit", () => { clearTimeout(killer); resolve(); });
      if (this.child.connected) this.child.send({ type: "stop" } satisfies ToBotProcess);
      else this.child.kill("SIGTERM");
    });
  }
}
