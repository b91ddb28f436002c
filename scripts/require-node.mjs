// Runs before npm start/test, on whatever `node` npm found: plain JavaScript for any Node still in use.
// npm scripts normally run on the Node 24 that `npm ci` installs as an optional dependency
// (node_modules/.bin/node, ADR 0014); where no such package fits the platform, the machine's
// own Node runs them, and an older one stops here with one line instead of a stack trace.
/* global process, console, URL */
import { readFileSync } from 'node:fs';

const engines = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node;
const needed = /(\d+)\.(\d+)\.(\d+)/.exec(engines).slice(1).map(Number);
const have = process.versions.node.split('.').map(Number);
const firstDifference = needed.findIndex((part, index) => have[index] !== part);
if (firstDifference !== -1 && have[firstDifference] < needed[firstDifference]) {
  console.error(
    `ANB Rising Stars needs Node.js ${engines} (24 LTS recommended); found ${process.version} on ` +
      `${process.platform}-${process.arch}, where npm installed no Node package: install Node 24 and run the command again.`,
  );
  process.exit(1);
}
