// The client's logic, with VS Code and the language client replaced by fakes:
// which executable it starts, with which arguments, and what it says when
// casec is missing.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const Module = require('module');
const fs = require('fs');
const os = require('os');
const path = require('path');

const started = [];
const warnings = [];
let settings = {};

class FakeLanguageClient {
  constructor(id, name, server, client) {
    Object.assign(this, { id, name, server, client });
  }
  start() {
    started.push(this);
    return Promise.resolve();
  }
  stop() {
    return Promise.resolve();
  }
}

const vscode = {
  workspace: {
    workspaceFolders: [{ uri: { fsPath: '/work/project' } }],
    getConfiguration: () => ({ get: (key, fallback) => (key in settings ? settings[key] : fallback) }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  window: {
    showWarningMessage: (message) => warnings.push(message),
    showErrorMessage: (message) => warnings.push(message),
  },
  commands: { registerCommand: () => ({ dispose() {} }) },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return vscode;
  if (request === 'vscode-languageclient/node') return { LanguageClient: FakeLanguageClient };
  return load.call(this, request, ...rest);
};
const extension = require('../extension.js');

function fakeCasec() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casec-client-'));
  const file = path.join(dir, 'casec');
  fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  return { dir, file };
}

test('the command is casec on the PATH unless casec.path says otherwise', () => {
  assert.strictEqual(extension.serverCommand(undefined, '/w', '/home/me'), 'casec');
  assert.strictEqual(extension.serverCommand('  ', '/w', '/home/me'), 'casec');
  assert.strictEqual(extension.serverCommand('/opt/casec', '/w', '/home/me'), '/opt/casec');
  assert.strictEqual(extension.serverCommand('~/bin/casec', '/w', '/home/me'), '/home/me/bin/casec');
  assert.strictEqual(extension.serverCommand('target/release/casec', '/w', '/h'), '/w/target/release/casec');
  assert.deepStrictEqual(extension.serverOptions('casec').run.args, ['lsp']);
  assert.deepStrictEqual(
    extension.serverOptions('casec', ['--today', '2026-11-25', 3]).run.args,
    ['lsp', '--today', '2026-11-25']
  );
  assert.deepStrictEqual(extension.serverOptions('casec', 'not a list').run.args, ['lsp']);
});

test('a casec on the PATH is found, a missing one is not', () => {
  const { dir, file } = fakeCasec();
  assert.ok(extension.findable('casec', { PATH: `/nowhere${path.delimiter}${dir}` }));
  assert.ok(extension.findable(file, { PATH: '' }));
  assert.ok(!extension.findable('casec', { PATH: '/nowhere' }));
  assert.ok(!extension.findable(path.join(dir, 'other'), { PATH: dir }));
});

test('activation starts `casec lsp` for .case files', async () => {
  const { file } = fakeCasec();
  settings = { path: file };
  started.length = 0;
  await extension.activate({ subscriptions: [] });
  assert.strictEqual(started.length, 1);
  const [client] = started;
  assert.strictEqual(client.server.run.command, file);
  assert.deepStrictEqual(client.server.run.args, ['lsp']);
  assert.ok(client.client.documentSelector.some((s) => s.language === 'case' && s.scheme === 'file'));
  await extension.deactivate();
});

test('a missing casec leaves colours on and says how to fix it', async () => {
  settings = { path: '/nowhere/casec' };
  started.length = 0;
  warnings.length = 0;
  await extension.activate({ subscriptions: [] });
  assert.strictEqual(started.length, 0);
  assert.match(warnings[0], /casec\.path/);
});

test('casec.server.extraArgs follow `lsp`', async () => {
  const { file } = fakeCasec();
  settings = { path: file, 'server.extraArgs': ['--max-evidence-age', '90'] };
  started.length = 0;
  await extension.activate({ subscriptions: [] });
  assert.deepStrictEqual(started[0].server.run.args, ['lsp', '--max-evidence-age', '90']);
  await extension.deactivate();
});

test('casec.server.enable turns the server off', async () => {
  const { file } = fakeCasec();
  settings = { path: file, 'server.enable': false };
  started.length = 0;
  await extension.activate({ subscriptions: [] });
  assert.strictEqual(started.length, 0);
});

test('package.json declares the language, grammar, snippets and settings it uses', () => {
  const manifest = require('../package.json');
  const contributes = manifest.contributes;
  assert.strictEqual(manifest.main, './extension.js');
  assert.deepStrictEqual(contributes.languages[0].extensions, ['.case']);
  for (const file of [
    contributes.languages[0].configuration,
    contributes.grammars[0].path,
    contributes.snippets[0].path,
  ]) {
    assert.ok(fs.existsSync(path.join(__dirname, '..', file)), file);
    JSON.parse(fs.readFileSync(path.join(__dirname, '..', file), 'utf8'));
  }
  assert.ok('casec.path' in contributes.configuration.properties);
});
