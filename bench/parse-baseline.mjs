// The floor `trace --response-file` is measured against (issue 15): read the file and JSON.parse it, nothing
// else. Prints the number of instances so the parse cannot be optimised away. Usage: node parse-baseline.mjs <file>
import { readFileSync } from 'node:fs';

const doc = JSON.parse(readFileSync(process.argv[2], 'utf8'));
process.stdout.write(`${doc.InstanceTrace?.length ?? 0}\n`);
