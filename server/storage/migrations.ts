// Schema migrations kept in the repo (migrations/<database>/NNN_name.sql), applied in order once each, recorded in schema_migrations.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function migrationsFor(database: "sqlite" | "postgres"): Migration[] {
  const folder = fileURLToPath(new URL(`./migrations/${database}/`, import.meta.url));
  return readdirSync(folder)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file, sql: readFileSync(folder + file, "utf8") }));
}
