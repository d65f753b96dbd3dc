// Checks transitc's diagrams and docs pages with the real tools that read them: every MACHINE.mmd
// must parse and render in Mermaid, and the state diagram Mermaid builds from it must hold the
// states, descriptions and edges of MACHINE.json; every MACHINE.md must parse in marked into the
// expected headings and tables, show each text faithfully, and embed the same diagram.
//
//   node check.mjs DIR...    (each DIR holds MACHINE.mmd, MACHINE.md and MACHINE.json files)
//
// The JSON stands for the model here; its own golden tests check it against the specs, and the
// hostile spec's texts are also compared with strings typed below. Runs offline.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { need } from './need.mjs';

const { JSDOM } = await need('jsdom');

const dom = new JSDOM('<!DOCTYPE html><body></body>', { pretendToBeVisual: true });
for (const k of ['window', 'document', 'DOMParser', 'Element', 'HTMLElement', 'SVGElement', 'Node',
  'MutationObserver']) {
  if (!(k in globalThis)) globalThis[k] = k === 'window' ? dom.window : dom.window[k];
}

// jsdom does no layout: Mermaid measures shapes and labels, so give it sizes from the attributes
// it set (rect, circle, path points) and from text length.
function box(el) {
  const num = (n) => parseFloat(el.getAttribute(n));
  const tag = el.tagName.toLowerCase();
  if (tag === 'rect' || tag === 'foreignobject') {
    return { x: num('x') || 0, y: num('y') || 0, width: num('width') || 0, height: num('height') || 0 };
  }
  if (tag === 'circle') {
    const r = num('r') || 0;
    return { x: -r, y: -r, width: 2 * r, height: 2 * r };
  }
  if (tag === 'path' || tag === 'polygon') {
    const v = (el.getAttribute('d') || el.getAttribute('points') || '').match(/-?\d*\.?\d+(e-?\d+)?/g) || [];
    const xs = v.filter((_, i) => i % 2 === 0).map(Number);
    const ys = v.filter((_, i) => i % 2 === 1).map(Number);
    if (!ys.length) return { x: 0, y: 0, width: 0, height: 0 };
    return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs),
      height: Math.max(...ys) - Math.min(...ys) };
  }
  if (tag === 'text' || tag === 'tspan') return { x: 0, y: 0, width: 8 * el.textContent.length, height: 16 };
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const c of el.children) {
    const b = box(c);
    if (!b.width && !b.height) continue;
    x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width); y1 = Math.max(y1, b.y + b.height);
  }
  if (x0 === Infinity) return { x: 0, y: 0, width: 8 * el.textContent.length, height: el.textContent ? 16 : 0 };
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
dom.window.Element.prototype.getBBox = function () { return box(this); };
dom.window.Element.prototype.getComputedTextLength = function () { return 8 * this.textContent.length; };
dom.window.Element.prototype.getBoundingClientRect = function () {
  const w = 8 * this.textContent.length;
  return { x: 0, y: 0, left: 0, top: 0, width: w, height: 16, right: w, bottom: 16 };
};

const { default: mermaid } = await need('mermaid');
const { marked } = await need('marked');
mermaid.initialize({ startOnLoad: false });

let failures = 0;
let checks = 0;
function expect(ok, what) {
  checks++;
  if (!ok) {
    failures++;
    console.error(`FAIL: ${what}`);
  }
}
function same(actual, expected, what) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  expect(a === e, `${what}\n  expected ${e}\n  actual   ${a}`);
}

// How the outputs show a text: control bytes (and tabs) as Unicode control pictures; newlines stay.
const shown = (s) => s.replace(/[\x00-\x09\x0b-\x1f\x7f]/g, (c) =>
  String.fromCodePoint(c === '\x7f' ? 0x2421 : 0x2400 + c.charCodeAt(0)));

// Mermaid's parser keeps entity codes "#N;" as placeholders; its renderer decodes them.
const mermaidText = (s) => s.replace(/<br>/g, '\n')
  .replace(/ﬂ°°(\d+)¶ß/g, (_, n) => String.fromCodePoint(Number(n)));

// The text a reader sees in a piece of Markdown (inline), line breaks as "\n".
function mdText(markdown) {
  const div = dom.window.document.createElement('div');
  div.innerHTML = marked.parseInline(markdown).replace(/<br>/g, '\n');
  return div.textContent;
}

async function checkMermaid(file, text, json) {
  const what = `${file}:`;
  try {
    await mermaid.parse(text);
  } catch (e) {
    expect(false, `${what} mermaid.parse: ${e.message}`);
    return;
  }
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  const states = db.getStates();
  const byName = new Map();
  for (const [id, st] of states) {
    if (id === 'root_start' || id === 'root_end') continue;
    const name = id.startsWith('_') ? id.slice(1) : id; // transitc's alias of a reserved name
    const descriptions = st.descriptions.map(mermaidText);
    if (id.startsWith('_')) {
      same(descriptions[0], name, `${what} the label of aliased state ${id}`);
      descriptions.shift();
    }
    byName.set(name, descriptions);
  }
  same([...byName.keys()].sort(), json.states.map((s) => s.name).sort(), `${what} states`);
  for (const s of json.states) {
    same(byName.get(s.name), s.doc === null ? [] : [shown(s.doc)], `${what} description of ${s.name}`);
  }
  const unalias = (id) => (id === 'root_start' ? '[*]' : id === 'root_end' ? '[*]' : id.replace(/^_/, ''));
  const edges = db.getRelations().map((r) => `${unalias(r.id1)} --> ${unalias(r.id2)} : ${mermaidText(r.relationTitle)}`);
  const wanted = [`[*] --> ${json.initial} : `,
    ...json.transitions.map((t) => `${t.from} --> ${t.to} : ${trigger(t)} (${t.by.join(', ')})${when(t) ? ` [${when(t)}]` : ''}`),
    ...json.states.filter((s) => s.final).map((s) => `${s.name} --> [*] : `)];
  same(edges.sort(), wanted.sort(), `${what} edges`);
  try {
    const { svg } = await mermaid.render(`d${checks}`, text);
    const doc = new JSDOM(svg).window.document;
    for (const s of json.states) {
      const id = [...states.keys()].find((k) => k === s.name || k === `_${s.name}`);
      expect(doc.querySelector(`[id*="state-${id}-"]`) !== null, `${what} the rendered svg draws ${s.name}`);
    }
  } catch (e) {
    expect(false, `${what} mermaid.render: ${e.message}`);
  }
}

// A transition's trigger as the pictures and pages name it ("expire after 90s" when timed), and
// the condition it is taken under ("reachable", "not reachable"; "" when unguarded).
const trigger = (t) => (t.after === null ? t.trigger : `${t.trigger} after ${t.after}`);
const when = (t) => (t.guard === null ? '' : `${t.negated ? 'not ' : ''}${t.guard}`);

function table(tokens, header) {
  const t = tokens.find((k) => k.type === 'table' && k.header.map((h) => h.text).join('|') === header);
  return t ? t.rows.map((r) => r.map((c) => mdText(c.text))) : null;
}

function checkMarkdown(file, md, mmd, json) {
  const what = `${file}:`;
  const tokens = marked.lexer(md);
  const headings = tokens.filter((t) => t.type === 'heading').map((t) => `${t.depth} ${mdText(t.text)}`);
  same(headings, [`1 ${json.machine}`, '2 States', ...(json.triggers.length ? ['2 Triggers'] : []),
    ...(json.guards.length ? ['2 Guards'] : []), '2 Transitions', '2 What each initiator may do, per state', '2 What each initiator alone can reach',
    ...(json.assertions.length ? ['2 Properties'] : [])],
  `${what} headings (a doc string must not make one)`);
  const blocks = tokens.filter((t) => t.type !== 'space' && t.type !== 'html');
  if (json.doc !== null) {
    same(blocks[1].type === 'paragraph' ? mdText(blocks[1].text) : blocks[1].type, shown(json.doc),
      `${what} the machine's doc paragraph`);
  }
  const code = tokens.find((t) => t.type === 'code');
  same(code && code.lang, 'mermaid', `${what} a mermaid block`);
  same(code && `${code.text}\n`, mmd.slice(mmd.indexOf('\n') + 1), `${what} the page embeds MACHINE.mmd`);
  same(table(tokens, 'State|Persisted as|Final|Doc'),
    json.states.map((s) => [s.name, shown(s.persisted), s.final ? 'yes' : '', s.doc === null ? '' : shown(s.doc)]),
    `${what} the states table`);
  if (json.transitions.length) {
    const guarded = json.guards.length > 0;
    same(table(tokens, guarded ? 'From|To|Trigger|Who|When|Doc' : 'From|To|Trigger|Who|Doc'),
      json.transitions.map((t) => [t.from, t.to, trigger(t), t.by.join(', '), ...(guarded ? [when(t)] : []),
        t.doc === null ? '' : shown(t.doc)]),
      `${what} the transitions table`);
    if (guarded) {
      same(table(tokens, 'Guard|Doc'), json.guards.map((g) => [g.name, g.doc === null ? '' : shown(g.doc)]),
        `${what} the guards table`);
    }
  }
  const moves = json.states.map((s) => [s.name, ...['user', 'auto', 'self'].map((who) => {
    const list = json.transitions.filter((t) => t.from === s.name && t.by.includes(who))
      .map((t) => `${trigger(t)} → ${t.to}${when(t) ? ` [${when(t)}]` : ''}`);
    return list.length ? list.join('\n') : '—';
  })]);
  same(table(tokens, 'State|user|auto|self'), moves, `${what} the table of moves per state`);
  if (json.assertions.length) {
    same((table(tokens, 'Property|Status|Why|Path') || []).map((r) => r.slice(0, 3)),
      json.assertions.map((a) => [a.text, a.holds ? 'holds' : 'fails', a.summary]),
      `${what} the properties table`);
  }
  const html = new JSDOM(marked.parse(md)).window.document;
  same(html.querySelectorAll('script, img, a, ul, ol, del, em, strong, code:not(pre code)').length, 0,
    `${what} no HTML, image, link, list or emphasis comes from spec text`);
}

// The hostile spec's texts, typed here by hand: what a reader must see.
const HOSTILE = {
  doc: 'Machine "doc" with */ /* and \\ and\nnew line; {braces} | pipe <tag> #hash',
  persisted: 'start|<s> "q" #a; {b} */ \\ ??= é\t',
  middle: '`code` *stars* _under_ [link](x) ![img](y) ~~strike~~ {{ liquid }} {% tag %} $math$ <br> \\n literal',
  finish: 'Control bytes: bell\x07escape\x1b[31mdel\x7fformfeed\x0cvt\x0bend',
  other: 'Unicode: é ü ß 中文 🚪 and separators \u2028U+2028\u2029U+2029, end.',
};

for (const dir of process.argv.slice(2)) {
  const machines = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  expect(machines.length > 0, `${dir}: no MACHINE.json`);
  for (const m of machines.sort()) {
    const json = JSON.parse(readFileSync(join(dir, `${m}.json`), 'utf8'));
    const mmd = readFileSync(join(dir, `${m}.mmd`), 'utf8');
    same(json.machine, m, `${dir}/${m}.json names its machine`);
    await checkMermaid(join(dir, `${m}.mmd`), mmd, json);
    checkMarkdown(join(dir, `${m}.md`), readFileSync(join(dir, `${m}.md`), 'utf8'), mmd, json);
    if (m === 'hostile') {
      same(json.doc, HOSTILE.doc, 'hostile.json: the machine doc');
      same(json.states[0].persisted, HOSTILE.persisted, 'hostile.json: a persisted name');
      same(json.states.map((s) => s.doc).slice(1), [HOSTILE.middle, HOSTILE.other, HOSTILE.finish],
        'hostile.json: state docs');
    }
  }
}
console.log(`${checks} checks, ${failures} failed`);
process.exit(failures ? 1 : 0);
