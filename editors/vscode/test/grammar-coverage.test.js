// Every word of every example in examples/ gets a scope of its own from the
// TextMate grammar (none is left plain), so an example opens fully coloured.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const oniguruma = require('vscode-oniguruma');
const textmate = require('vscode-textmate');

const root = path.join(__dirname, '..', '..', '..');
const grammarFile = path.join(__dirname, '..', 'syntaxes', 'case.tmLanguage.json');

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () => textmate.parseRawGrammar(fs.readFileSync(grammarFile, 'utf8'), grammarFile),
  });
  return registry.loadGrammar('source.case');
}

/** Non-blank tokens of `text` whose only scopes are the file's and a body's. */
function unscoped(grammar, text) {
  const plain = [];
  let state = textmate.INITIAL;
  text.split('\n').forEach((line, number) => {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const word = line.slice(token.startIndex, token.endIndex);
      const specific = token.scopes.filter((s) => s !== 'source.case' && s !== 'meta.block.case');
      if (word.trim() !== '' && specific.length === 0) {
        plain.push(`${number + 1}: ${JSON.stringify(word)}`);
      }
    }
    state = result.ruleStack;
  });
  return plain;
}

test('every token of every example is coloured', async () => {
  const grammar = await loadGrammar();
  const examples = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.case'));
  assert.ok(examples.length > 0, 'examples/ has cases');
  for (const example of examples) {
    const text = fs.readFileSync(path.join(root, 'examples', example), 'utf8');
    assert.deepStrictEqual(unscoped(grammar, text), [], example);
  }
});

test('the check notices a word the grammar leaves plain', async () => {
  const grammar = await loadGrammar();
  assert.deepStrictEqual(unscoped(grammar, 'claim c "x"\n%%\n'), ['2: "%%"']);
});
