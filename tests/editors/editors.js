// Tokenizes every spec in the tree with the TextMate grammar of dsl/editors (through
// vscode-textmate and vscode-oniguruma, as VS Code does) and checks that each keyword, initiator,
// name, string and comment gets its scope and that no character is left unscoped. What each
// token is comes from a small lexer here, with the keywords read from dsl/lexer.l and the
// initiators from dsl/ast.h, not from the grammar. If a Vim with +syntax is given, the Vim syntax
// file is checked the same way.
// usage: node editors.js SOURCE_DIR [VIM]
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
let vsctm, oniguruma;
try {
  vsctm = require('vscode-textmate');
  oniguruma = require('vscode-oniguruma');
} catch (e) {
  console.error(`editors: FAIL: ${e.message.split('\n')[0]}: run 'npm ci' in tests/editors (the install line does)`);
  process.exit(1);
}

const root = path.resolve(process.argv[2]);
const vim = process.argv[3] || '';
let failures = 0;
const fail = (msg) => { if (failures++ < 40) console.error(`editors: FAIL: ${msg}`); };

// The language, from the compiler's own sources.
const lexer = fs.readFileSync(path.join(root, 'dsl/lexer.l'), 'utf8');
const ast = fs.readFileSync(path.join(root, 'dsl/ast.h'), 'utf8');
const initiators = new Set([...ast.matchAll(/X\([A-Z]+, "([a-z]+)", \d+\)/g)].map((m) => m[1]));
// A rule of keywords: '"guard"' or '"reachable"|"unreachable"' at the start of a line.
const keywords = new Set([...lexer.matchAll(/^((?:"[a-z]+"\|?)+)\s/gm)]
  .flatMap((m) => [...m[1].matchAll(/"([a-z]+)"/g)].map((w) => w[1])));
// Assertion words that name a guard after 'guard', 'when' and 'when not' (as dsl/lexer.l says).
const guardWords = new Set(['reachable', 'unreachable']);
for (const k of ['guard', 'when', 'not', 'after', 'reachable', 'unreachable']) if (!keywords.has(k)) fail(`keyword ${k} not read from dsl/lexer.l`);
if (keywords.size < 15 || initiators.size !== 3) fail(`read ${keywords.size} keywords, ${initiators.size} initiators`);
for (const i of initiators) if (!keywords.has(i)) fail(`initiator ${i} is not a keyword of dsl/lexer.l`);

// A line of a spec as tokens: {kind, start, end, text}; kinds: comment, string, keyword,
// initiator, name, decl (a name right after machine/trigger/state/guard), duration (after
// 'after'), punct, other.
function lex(line) {
  const toks = [];
  let i = 0, prevWord = null;
  while (i < line.length) {
    const rest = line.slice(i);
    let m, kind;
    if ((m = /^[ \t\f\v]+/.exec(rest))) { i += m[0].length; continue; }
    if ((m = /^#.*/.exec(rest))) kind = 'comment';
    else if ((m = /^"(?:[^"\\]|\\.)*"?/.exec(rest))) kind = 'string';
    else if ((m = /^[A-Za-z][A-Za-z0-9_]*/.exec(rest))) {
      const guardName = guardWords.has(m[0]) && ['guard', 'when', 'not'].includes(prevWord);
      kind = initiators.has(m[0]) ? 'initiator' : keywords.has(m[0]) && !guardName ? 'keyword'
        : ['machine', 'trigger', 'state', 'guard'].includes(prevWord) ? 'decl' : 'name';
    } else if (prevWord === 'after' && (m = /^[0-9]+(?:ms|s|m|h|d)(?![A-Za-z0-9_])/.exec(rest))) kind = 'duration';
    else if ((m = /^(->|[{},*])/.exec(rest))) kind = 'punct';
    else if ((m = /^[0-9_][A-Za-z0-9_]*/.exec(rest))) kind = 'other';
    else { m = [String.fromCodePoint(rest.codePointAt(0))]; kind = 'other'; }
    toks.push({ kind, start: i, end: i + m[0].length, text: m[0] });
    prevWord = /^[A-Za-z]/.test(m[0]) ? m[0] : null;
    i += m[0].length;
  }
  return toks;
}

// What the scopes of every character of a token of each kind must include.
const WANT = {
  comment: [/^comment\.line\.number-sign\.transit$/],
  string: [/^string\.quoted\.double\.transit$/],
  keyword: [/^(keyword|storage)\.[a-z.-]+\.transit$/],
  initiator: [/^constant\.language\.initiator\.transit$/],
  decl: [/^entity\.name\.[a-z.]+\.transit$/],
  name: [/^(entity\.name|variable\.other)\.[a-z.]+\.transit$/],
  punct: [/^(keyword\.operator|punctuation)\.[a-z.]+\.transit$/],
  duration: [/^constant\.numeric\.duration\.transit$/],
  other: [/^[a-z]+\..*\.transit$/],
};

function specs() {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('build') || e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.transit')) found.push(p);
    }
  };
  for (const d of ['specs', 'tests', 'examples', 'dsl']) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  return found.sort();
}

// Lines that a spec in the tree may not show: names holding keywords, '#' in a string, '"' in a
// comment, escapes, an unterminated string (the next line is no string), bad characters.
const EDGE = [
  'machine final_review_2 "a # not a comment \\"quoted\\" \\\\ \\n \\t" {',
  '    trigger onboard  # a "comment" with quotes',
  '    state by_user as "x" "unterminated',
  '    final state deadlocked',
  '    stateful, x_final -> asx on only_once by user, auto, self',
  '    * except a,b -> c on d by self "\\q bad escape"',
  '    assert reachable * from * by user',
  '    assert a, b -> only c',
  '    assert no deadlock by auto',
  '    guard reachable "a guard named like an assertion word"',
  '    guard after_all',
  '    a -> b on c after 90s by auto when not reachable "doc"',
  '    a -> b on c after 250ms by user, auto when unreachable',
  '    a -> b on when after 7d by auto when not_yet',
  '    a -> b on c after 12h by auto # after 5m',
  '    a -> b on c after 99999999999999999999d by auto when guardian',
  '    assert reachable b by auto',
  '    9lives -> é on x by user',
  '    été, xé, éx -> y on z by user',
  '}',
  'machine state {',
  '    initial final',
  '    trigger on',
  '    state by "keywords used as names stay keywords"',
  '}',
];

function check(file, lines, grammar, vimGroups) {
  let ruleStack = vsctm.INITIAL;
  lines.forEach((line, n) => {
    const r = grammar.tokenizeLine(line, ruleStack);
    ruleStack = r.ruleStack;
    const scopes = new Array(line.length).fill(null);
    for (const t of r.tokens) for (let c = t.startIndex; c < Math.min(t.endIndex, line.length); c++) scopes[c] = t.scopes;
    for (const tok of lex(line)) {
      for (let c = tok.start; c < tok.end; c++) {
        const s = scopes[c] || [];
        const where = `${file}:${n + 1}:${c + 1}`;
        if (s.length < 2) { fail(`${where}: '${line[c]}' of ${tok.kind} '${tok.text}' has no scope`); break; }
        if (!WANT[tok.kind].every((re) => s.slice(1).some((x) => re.test(x)))) {
          fail(`${where}: ${tok.kind} '${tok.text}' scoped ${s.slice(1).join(' ')}`);
          break;
        }
        if (tok.kind !== 'other' && s.some((x) => x.startsWith('invalid.')) && !/\\/.test(tok.text)) {
          fail(`${where}: ${tok.kind} '${tok.text}' scoped invalid`);
          break;
        }
      }
      if (vimGroups) {
        const g = vimGroups.get(`${n + 1}:${Buffer.byteLength(line.slice(0, tok.start)) + 1}`) || '';
        const want = { comment: /^transitComment$/, string: /^transitString$/, keyword: /^transit(Declaration|Final|Assert|Assertion|Keyword|Not)$/,
          initiator: /^transitInitiator$/, decl: /^transit(DeclName|GuardDecl)$/, name: /^transit(Name|DeclName|GuardName)$/,
          punct: /^transit(Operator|Delimiter)$/, duration: /^transitDuration$/, other: /^transit/ }[tok.kind];
        if (!want.test(g)) fail(`${file}:${n + 1}:${tok.start + 1}: vim: ${tok.kind} '${tok.text}' in group '${g}'`);
      }
    }
  });
}

// The syntax group Vim gives the first byte of every token, as "line:col" -> group.
function vimSyntax(file) {
  const out = path.join(require('os').tmpdir(), `transit-vim-${process.pid}.txt`);
  const script = [
    'set nocompatible', 'syntax on', 'syntax clear', 'unlet! b:current_syntax',
    `source ${path.join(root, 'dsl/editors/vim/syntax/transit.vim')}`,
    'let s:out = []',
    'for l in range(1, line("$"))',
    '  for c in range(1, len(getline(l)))',
    '    call add(s:out, l . ":" . c . " " . synIDattr(synID(l, c, 1), "name"))',
    '  endfor',
    'endfor',
    `call writefile(s:out, "${out}")`,
    'qall!',
  ].join('\n');
  const scriptFile = `${out}.vim`;
  fs.writeFileSync(scriptFile, script);
  const r = spawnSync(vim, ['-u', 'NONE', '-i', 'NONE', '-N', '-n', '-es', '--cmd', 'set fileformats=unix,dos,mac',
    '--cmd', 'set encoding=utf-8', '-S', scriptFile, file], { encoding: 'utf8', timeout: 20000 });
  const map = new Map();
  if (!fs.existsSync(out)) { fail(`vim wrote nothing for ${file}: ${r.stderr || r.status}`); return map; }
  for (const l of fs.readFileSync(out, 'utf8').split('\n')) { const [k, g] = l.split(' '); if (k) map.set(k, g || ''); }
  fs.rmSync(out); fs.rmSync(scriptFile);
  return map;
}

async function main() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => scope === 'source.transit'
      ? vsctm.parseRawGrammar(fs.readFileSync(path.join(root, 'dsl/editors/transit.tmLanguage.json'), 'utf8'), 'transit.tmLanguage.json')
      : null,
  });
  const grammar = await registry.loadGrammar('source.transit');
  const files = specs();
  if (files.length < 3) fail(`only ${files.length} specs found under ${root}`);
  const edge = path.join(require('os').tmpdir(), `transit-edge-${process.pid}.transit`);
  fs.writeFileSync(edge, EDGE.join('\n') + '\n');
  const edgeCR = path.join(require('os').tmpdir(), `transit-edge-cr-${process.pid}.transit`);
  fs.writeFileSync(edgeCR, EDGE.slice(0, 3).join('\r') + '\r}\r'); // old Mac line endings
  for (const f of [...files, edge, edgeCR]) {
    const text = fs.readFileSync(f, 'utf8');
    const lines = text.split(/\r\n|\r|\n/);
    // Vim takes one kind of line ending per file: a file mixing lone CRs with LFs is not its lines.
    const vimReads = !(/\r(?!\n)/.test(text) && /\n/.test(text));
    check(path.relative(root, f), lines, grammar, vim && vimReads ? vimSyntax(f) : null);
  }
  fs.rmSync(edge);
  fs.rmSync(edgeCR);
  if (failures === 0) console.log(`editors: ok (${files.length} specs and the edge cases${vim ? ', TextMate and Vim' : ', TextMate'})`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(1); });
