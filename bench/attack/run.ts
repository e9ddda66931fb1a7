// `npm run attack`: every class of issue 9 against a real server with honest players in the room; prints the table and writes
// bench/results/attack-<date>.{json,md}. `-- --tiny` runs the small version, `-- --only 3,4` some classes.
import { mkdirSync, writeFileSync } from "node:fs";
import { ROOT } from "../../harness/childServer.ts";
import { FULL_SCALE, TINY_SCALE } from "./attacks.ts";
import { attackMarkdown, attackTable } from "./report.ts";
import { runAttackSuite } from "./suite.ts";

const args = process.argv.slice(2);
const tiny = args.includes("--tiny");
const onlyIndex = args.indexOf("--only");
const classes = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? "").split(",").map(Number)) : null;

const result = await runAttackSuite(tiny ? TINY_SCALE : FULL_SCALE, (attack) => classes === null || classes.has(attack.issueClass), (line) => console.log(line));
const stamp = result.startedAt.replace(/[:.]/g, "-");
const dir = `${ROOT}bench/results`;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/attack-${stamp}.json`, `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(`${dir}/attack-${stamp}.md`, `${attackMarkdown(result)}\n`);
console.log(`\n${attackTable(result)}\n\nuptime: ${result.uptime} (shared machine)`);
console.log(`wrote bench/results/attack-${stamp}.json and .md`);
const failed = result.rows.filter((row) => !row.allSeatsKept || row.lateJoinerDifference !== null);
if (failed.length > 0) {
  console.error(`honest players lost a seat or a late joiner decoded a different state in: ${failed.map((row) => row.attack).join(", ")}`);
  process.exitCode = 1;
}
