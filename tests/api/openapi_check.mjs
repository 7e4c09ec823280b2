// Checks docs/openapi.yaml with a real OpenAPI validator (swagger-parser), and, given a file of recorded
// answers of a live wijkqueue, that each answer's status is documented for its path and method and that
// its JSON body matches the documented schema (ajv).
//   OPENAPI_NODE_DIR=DIR node openapi_check.mjs SPEC [ANSWERS.json]   (DIR: the npm prefix of its packages)
// ANSWERS.json: [{"method": "post", "path": "/v1/tickets", "status": 201, "body": "..."}, ...], with
// "path" the spec's template ("/v1/tickets/{id}/served").
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(`${process.env.OPENAPI_NODE_DIR}/node_modules/`);
const SwaggerParser = require('@apidevtools/swagger-parser');
const Ajv = require('ajv').default;

const [specFile, answersFile] = process.argv.slice(2);
let api;
try {
  await SwaggerParser.validate(specFile);
  api = await SwaggerParser.dereference(specFile);
} catch (e) {
  console.error(`${specFile} is not a valid OpenAPI description:\n${e.message}`);
  process.exit(1);
}
console.log(`${specFile}: valid OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths`);
if (!answersFile) process.exit(0);

// OpenAPI 3.0's `nullable: true` is not JSON Schema: it becomes "this, or null".
function toJsonSchema(s) {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (s === null || typeof s !== 'object') return s;
  const out = {};
  for (const [k, v] of Object.entries(s)) if (k !== 'nullable' && k !== 'example') out[k] = toJsonSchema(v);
  return s.nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const answers = JSON.parse(readFileSync(answersFile, 'utf8'));
let failures = 0;
for (const a of answers) {
  const where = `${a.method.toUpperCase()} ${a.path} ${a.status}`;
  const op = api.paths[a.path]?.[a.method];
  if (!op) { console.error(`${where}: no such operation in the description`); failures++; continue; }
  const response = op.responses[String(a.status)] ?? op.responses.default;
  if (!response) { console.error(`${where}: status not documented`); failures++; continue; }
  const schema = response.content?.['application/json']?.schema;
  if (!schema) continue;  // no JSON documented (204, text): the status is what is checked
  let body;
  try { body = JSON.parse(a.body); } catch { console.error(`${where}: the body is not JSON`); failures++; continue; }
  const validate = ajv.compile(toJsonSchema(schema));
  if (!validate(body)) {
    console.error(`${where}: ${ajv.errorsText(validate.errors)}\n  body: ${a.body.slice(0, 400)}`);
    failures++;
  }
}
console.log(`${answers.length} answers checked, ${failures} not as described`);
process.exit(failures === 0 ? 0 : 1);
