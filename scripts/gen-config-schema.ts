// Writes schemas/xxgknb.schema.json (the JSON schema of .xxgknb.json) from core/configSchema.ts and the rules.
//   node --import tsx scripts/gen-config-schema.ts   (npm run gen:schema; a test fails when the file is out of date)
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { configSchema, RULES } from '../server/src/core/index';

export const SCHEMA_FILE = path.resolve(__dirname, '../schemas/xxgknb.schema.json');
export function schemaText(): string {
  return JSON.stringify(configSchema(RULES), null, 2) + '\n';
}

if (require.main === module) {
  mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
  writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
