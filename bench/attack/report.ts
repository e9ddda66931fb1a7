// The attack suite's table: printed to the terminal and written as Markdown beside the JSON under bench/results/.
import type { SuiteResult } from "./suite.ts";

export function attackTable(result: SuiteResult): string {
  const lines = [
    "| # | attack | sent | honest ticks/s | worst patch gap | seats kept | late joiner | server RSS before → after | server log | system lines/s | outcome |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const row of result.rows) {
    lines.push(`| ${row.issueClass} | ${row.attack} | ${row.sent > 0 ? `${row.sent} ` : ""}${row.unit} | ${row.honestTicksPerSecond} | ${row.worstPatchGapMs} ms | ${row.seatsKept} | ${row.lateJoinerDifference === null ? "same state" : "**differs**"} | ${row.rssBeforeMb} → ${row.rssAfterMb} MB | ${row.serverLogBytes} B | ${row.systemLinesPerSecond} | ${row.outcome.replace(/\|/g, "/")} |`);
  }
  return lines.join("\n");
}

export function attackMarkdown(result: SuiteResult): string {
  const m = result.machine;
  return [
    `# Rebound attack suite — ${result.startedAt}`,
    "",
    `Commit ${result.commit}; ${m.cores} × ${m.cpuModel}, Node ${m.nodeVersion}, ${m.platform}. \`uptime\`: ${result.uptime} (a shared machine: compare rows within a run).`,
    "",
    "Each attack runs from its own address against a fresh room of 3 honest SDK players sending 60 inputs/s on the real server process at its default limits. " +
    "Honest ticks/s is the lowest server tick rate an honest player saw during the attack (60 is full rate); seats kept counts players still in their seat " +
    "(same session, team, connected) after up to 15 s to reconnect; the late joiner compares the state it decodes with an honest player's; system lines/s is the most join/leave lines an honest player got in one second.",
    "",
    attackTable(result),
    "",
    ...result.rows.filter((r) => r.lateJoinerDifference !== null).map((r) => `- ${r.attack}: ${r.lateJoinerDifference}`),
  ].join("\n");
}
