// transitc check --format=json: every line of its output is one JSON object with the members the
// man page lists; the objects are exactly cases/NAME.expected; they say what the text format
// says, in the same order; and names that need escaping survive.
// usage: node diagjson.js TRANSITC CASES_DIR WORK_DIR
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const [transitc, casesDir, workDir] = process.argv.slice(2).map((a) => path.resolve(a));
let failures = 0;
const fail = (msg) => { console.error(`diagjson: FAIL: ${msg}`); failures++; };

const SEVERITIES = ['error', 'warning', 'note', 'info'];
const PLACE = ['file', 'line', 'column', 'end_column'];
const MEMBERS = ['severity', ...PLACE, 'message', 'flag'];

function run(args, cwd) {
  const r = spawnSync(transitc, args, { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Parses and validates JSON lines; returns the objects.
function jsonLines(name, text) {
  const objects = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '') continue;
    let o;
    try { o = JSON.parse(line); } catch (e) { fail(`${name}: line ${i + 1} is not JSON: ${line}`); continue; }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) { fail(`${name}: line ${i + 1} is not an object`); continue; }
    for (const k of Object.keys(o)) if (!MEMBERS.includes(k)) fail(`${name}: unknown member '${k}'`);
    if (!SEVERITIES.includes(o.severity)) fail(`${name}: severity ${JSON.stringify(o.severity)}`);
    if (typeof o.message !== 'string' || o.message === '') fail(`${name}: no message`);
    const placed = PLACE.filter((k) => k in o).length;
    if (placed !== 0 && placed !== PLACE.length) fail(`${name}: only some of ${PLACE.join(', ')}`);
    if (placed) {
      if (typeof o.file !== 'string') fail(`${name}: file is not a string`);
      for (const k of ['line', 'column', 'end_column'])
        if (!Number.isInteger(o[k]) || o[k] < 1) fail(`${name}: ${k} is not a positive integer`);
      if (o.end_column <= o.column) fail(`${name}: end_column ${o.end_column} <= column ${o.column}`);
    }
    if ('flag' in o && !/^-W(error=)?[a-z-]+$/.test(o.flag)) fail(`${name}: flag ${o.flag}`);
    if ('flag' in o && o.severity === 'note') fail(`${name}: a note with a flag`);
    // Notes carry their place like errors do, so editors and CI annotations can jump to them.
    if (o.severity === 'note' && !placed) fail(`${name}: a note without file, line and column: ${line}`);
    objects.push(o);
  }
  return objects;
}

// The same diagnostics read from the text format's header lines.
function textDiagnostics(text) {
  const out = [];
  for (const line of text.split('\n')) {
    let m = /^(.*):(\d+):(\d+): (error|warning|note): (.*?)(?: \[(-W[^\]]+)\])?$/.exec(line);
    if (m) {
      out.push({ severity: m[4], file: m[1], line: +m[2], column: +m[3], message: m[5], flag: m[6] });
      continue;
    }
    m = /^(error|warning|note): (.*?)(?: \[(-W[^\]]+)\])?$/.exec(line);
    if (m) {
      out.push({ severity: m[1], message: m[2], flag: m[3] });
      continue;
    }
    m = /^([^ ].*?):(\d+):(\d+): (.*)$/.exec(line); // --explain: no severity word
    if (m) out.push({ severity: 'info', file: m[1], line: +m[2], column: +m[3], message: m[4] });
  }
  return out;
}

function sameAsText(name, objects, text) {
  const t = textDiagnostics(text);
  if (t.length !== objects.length) {
    fail(`${name}: ${objects.length} JSON objects but ${t.length} text diagnostics`);
    return;
  }
  t.forEach((d, i) => {
    const o = objects[i];
    for (const k of ['severity', 'file', 'line', 'column', 'message', 'flag'])
      if (d[k] !== o[k]) fail(`${name}: diagnostic ${i + 1}: ${k} is ${JSON.stringify(o[k])} in JSON, ${JSON.stringify(d[k])} in text`);
  });
}

function argsOf(spec) {
  const first = fs.readFileSync(spec, 'utf8').split('\n')[0];
  const m = /^# args:(.*?)(?:\s--\s.*)?$/.exec(first);
  return m ? m[1].split(/\s+/).filter((a) => a && a !== '(none)') : [];
}

const cases = fs.readdirSync(casesDir).filter((f) => f.endsWith('.transit')).sort();
if (cases.length === 0) fail('no cases');
for (const file of cases) {
  const name = file.replace(/\.transit$/, '');
  const args = argsOf(path.join(casesDir, file));
  const json = run(['check', '--format=json', ...args, file], casesDir);
  const text = run(['check', '--format=text', '--color=never', ...args, file], casesDir);
  if (json.stdout !== '') fail(`${name}: JSON mode wrote to stdout: ${json.stdout}`);
  const objects = jsonLines(name, json.stderr);
  const expected = fs.readFileSync(path.join(casesDir, `${name}.expected`), 'utf8').split('\n');
  const status = /^exit (\d+)$/.exec(expected[0]);
  if (!status) fail(`${name}.expected: first line is not 'exit N'`);
  else if (json.status !== +status[1]) fail(`${name}: exit ${json.status}, expected ${status[1]}`);
  if (json.status !== text.status) fail(`${name}: exit ${json.status} with JSON, ${text.status} with text`);
  const want = jsonLines(`${name}.expected`, expected.slice(1).join('\n'));
  if (JSON.stringify(want) !== JSON.stringify(objects))
    fail(`${name}: output differs from ${name}.expected:\n${json.stderr}`);
  sameAsText(name, objects, text.stderr);
}

// A file name that JSON must escape: quote, backslash, tab, non-ASCII.
fs.rmSync(workDir, { recursive: true, force: true });
fs.mkdirSync(workDir, { recursive: true });
const odd = 'we"ird\\na\tme é.transit';
fs.copyFileSync(path.join(casesDir, 'warnings.transit'), path.join(workDir, odd));
const r = run(['check', '--format=json', odd], workDir);
const objects = jsonLines('odd name', r.stderr);
if (objects.length !== 2 || objects.some((o) => o.file !== odd))
  fail(`odd name: file member does not round-trip: ${r.stderr}`);

if (failures === 0) console.log(`diagjson: ok (${cases.length} cases)`);
process.exit(failures === 0 ? 0 : 1);
