// Validates JSON documents against docs/transit.schema.json with ajv (JSON Schema 2020-12), and
// checks the validator refuses what the schema forbids, so a schema that accepts anything fails.
// usage: node schema.mjs SCHEMA FILE.json...
import fs from 'node:fs';
import { need } from './need.mjs';

const Ajv2020 = (await need('ajv/dist/2020.js')).default;
const [schemaFile, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
let failures = 0;
const fail = (msg) => { console.error(`schema: FAIL: ${msg}`); failures++; };
if (files.length === 0) fail('no JSON files given');
let good;
for (const f of files) {
  const doc = JSON.parse(fs.readFileSync(f, 'utf8'));
  if (!validate(doc)) fail(`${f}: ${ajv.errorsText(validate.errors)}`);
  else good ??= doc;
}
// Mutants of a valid document that the schema must refuse.
if (good) {
  const mutants = {
    'an unknown top-level key': (d) => { d.extra = 1; },
    'no format_version': (d) => { delete d.format_version; },
    'another format': (d) => { d.format = 'other'; },
    'an unknown initiator': (d) => { if (d.transitions[0]) d.transitions[0].by = ['system']; else d.states = []; },
    'a state without persisted': (d) => { delete d.states[0].persisted; },
    'a name with a dash': (d) => { d.initial = 'shutting-down'; },
  };
  for (const [what, change] of Object.entries(mutants)) {
    const d = structuredClone(good);
    change(d);
    if (validate(d)) fail(`the schema accepts ${what}`);
  }
}
if (failures === 0) console.log(`schema: ok (${files.length} documents)`);
process.exit(failures ? 1 : 0);
