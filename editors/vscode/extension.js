// The VS Code client of `casec lsp`: it starts the language server for
// `.case` files. Colours (the TextMate grammar) and snippets need no server.
'use strict';

const path = require('path');
const fs = require('fs');

/** @type {import('vscode-languageclient/node').LanguageClient | undefined} */
let client;

/**
 * The executable to start: `casec.path` as set (`~` expanded, relative paths
 * from the first workspace folder), or `casec` looked up on the PATH.
 */
function serverCommand(configured, workspaceFolder, home) {
  let command = typeof configured === 'string' && configured.trim() !== '' ? configured.trim() : 'casec';
  if (command === '~' || command.startsWith('~/')) {
    command = path.join(home || '', command.slice(1));
  } else if (workspaceFolder && !path.isAbsolute(command) && command.includes('/')) {
    command = path.join(workspaceFolder, command);
  }
  return command;
}

/** Whether `command` names a file, or a program found on `PATH`. */
function findable(command, env) {
  const exists = (file) => {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  };
  if (command.includes('/') || command.includes('\\')) {
    return exists(command);
  }
  const suffixes = process.platform === 'win32' ? ['', '.exe', '.cmd'] : [''];
  return (env.PATH || '')
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => suffixes.some((suffix) => exists(path.join(dir, command + suffix))));
}

/**
 * How to start the server: `<command> lsp` over standard I/O, followed by
 * `casec.server.extraArgs` (e.g. `--today 2026-11-25`); anything there that is
 * not a string is left out.
 */
function serverOptions(command, extraArgs) {
  const extra = Array.isArray(extraArgs) ? extraArgs.filter((arg) => typeof arg === 'string') : [];
  const run = { command, args: ['lsp', ...extra], options: { env: process.env } };
  return { run, debug: run };
}

function clientOptions() {
  return {
    documentSelector: [
      { scheme: 'file', language: 'case' },
      { scheme: 'untitled', language: 'case' },
    ],
    diagnosticCollectionName: 'casec',
  };
}

async function start(vscode) {
  const { LanguageClient } = require('vscode-languageclient/node');
  const config = vscode.workspace.getConfiguration('casec');
  if (!config.get('server.enable', true)) {
    return;
  }
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const command = serverCommand(config.get('path'), folder && folder.uri.fsPath, process.env.HOME);
  if (!findable(command, process.env)) {
    vscode.window.showWarningMessage(
      `casec: \`${command}\` was not found, so .case files get colours but no live errors. ` +
        'Install casec (`cargo install --path .` in its repository) or set `casec.path`.'
    );
    return;
  }
  const server = serverOptions(command, config.get('server.extraArgs'));
  client = new LanguageClient('casec', 'casec language server', server, clientOptions());
  await client.start();
}

async function stop() {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

function activate(context) {
  const vscode = require('vscode');
  const failed = (error) =>
    vscode.window.showErrorMessage(`casec: the language server did not start: ${error && error.message ? error.message : error}`);
  const restart = () => stop().then(() => start(vscode)).catch(failed);
  context.subscriptions.push(
    vscode.commands.registerCommand('casec.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('casec.path') || event.affectsConfiguration('casec.server')) {
        restart();
      }
    })
  );
  return start(vscode).catch(failed);
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate, serverCommand, serverOptions, findable, clientOptions };
