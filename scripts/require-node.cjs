// Runs before npm start/test, on whatever `node` npm found: written for any Node still in use.
// npm scripts normally run on the Node 24 that `npm ci` installs as an optional dependency
// (node_modules/.bin/node, ADR 0014); where no such package fits the platform, the machine's
// own Node runs them, and an older one stops here with one line instead of a stack trace.
'use strict';
var path = require('path');
var engines = require(path.join(__dirname, '..', 'package.json')).engines.node;
var needed = /(\d+)\.(\d+)\.(\d+)/.exec(engines).slice(1).map(Number);
var have = process.versions.node.split('.').map(Number);
var newEnough = have[0] !== needed[0] ? have[0] > needed[0] : have[1] !== needed[1] ? have[1] > needed[1] : have[2] >= needed[2];
if (!newEnough) {
  console.error(
    'ANB Rising Stars needs Node.js ' + engines + ' (24 LTS recommended); found ' + process.version + ' on ' +
      process.platform + '-' + process.arch + ', where npm installed no Node package: install Node 24 and run the command again.',
  );
  process.exit(1);
}
