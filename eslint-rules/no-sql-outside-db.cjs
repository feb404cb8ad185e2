'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file, so the jest spec can require it */
// Local ESLint rule: SQL statements live in libs/db repositories (issue 16). A string or template
// literal whose text starts like an SQL statement is reported in any file outside the allowed
// paths (DEFAULT_ALLOW, or the `allow` option; relative to the working directory, the repository root).
// Keywords are matched upper-case, as the tree writes SQL, so UI text such as "Select a carrier" passes.
const path = require('node:path');

const SQL_START =
  /^\s*(?:SELECT\s|INSERT\s+INTO\s|UPDATE\s+\S+\s+SET\s|DELETE\s+FROM\s|WITH\s+(?:RECURSIVE\s+)?\w+(?:\s*\([^)]*\))?\s+AS\s*\(|CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|DATABASE|ROLE|SCHEMA|EXTENSION|VIEW|MATERIALIZED)\b|ALTER\s+(?:TABLE|DATABASE|ROLE|INDEX)\b|DROP\s+(?:TABLE|INDEX|DATABASE|ROLE|SCHEMA|VIEW)\b|LOCK\s+TABLE\s|TRUNCATE\s|VACUUM\b|ANALYZE\s+\w|REFRESH\s+MATERIALIZED\b)/;

const DEFAULT_ALLOW = [
  // The repositories: the one home for SQL.
  'libs/db/src',
  // Schema changes are SQL by nature.
  'migrations',
  // Specs (also any *.spec.ts / *.int-spec.ts / *.e2e-spec.ts) and benchmarks seed the database and read it to check results.
  'test',
  'bench',
  // Provisioning creates the database over a raw pg client before libs/db can connect to it.
  'libs/provision/src/ensure-database.util.ts',
];

function looksLikeSql(text) {
  return SQL_START.test(text);
}

function isAllowed(filename, cwd, allow) {
  const rel = path.relative(cwd, filename).split(path.sep).join('/');
  if (/\.(?:spec|int-spec|e2e-spec)\.tsx?$/.test(rel)) return true;
  return allow.some((prefix) => rel === prefix || rel.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL statements belong in libs/db repositories' },
    schema: [{ type: 'object', properties: { allow: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: { sqlOutsideDb: 'SQL text outside libs/db: move the statement into a libs/db repository and call it by name.' },
  },
  looksLikeSql,
  DEFAULT_ALLOW,
  create(context) {
    const allow = (context.options[0] && context.options[0].allow) || DEFAULT_ALLOW;
    if (isAllowed(context.filename, context.cwd, allow)) return {};
    return {
      Literal(node) {
        if (typeof node.value === 'string' && looksLikeSql(node.value)) context.report({ node, messageId: 'sqlOutsideDb' });
      },
      TemplateLiteral(node) {
        const text = node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('${}');
        if (looksLikeSql(text)) context.report({ node, messageId: 'sqlOutsideDb' });
      },
    };
  },
};
