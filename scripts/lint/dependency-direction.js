// ESLint rule `layers/dependency-direction` (issue 13): which layer and feature folder may import which, decided
// on the resolved path of every import, export-from and dynamic import, type-only ones included (a type is a
// dependency too). The table is the whole policy; eslint.config.js turns it on for every file.
import path from 'node:path';

/** [what imports, what it may not import, why]; `*` is any feature folder of that layer. */
const FORBIDDEN = [
  ['core/*', 'storage', 'core is pure logic: storage adapters come in as parameters'],
  ['core/*', 'entrypoints', 'core is pure logic: it never reaches into the extension’s wiring'],
  ['core/*', 'components', 'core is pure logic: no UI'],
  ['storage/*', 'entrypoints', 'storage holds tables and queries; the wiring uses it, not the other way round'],
  ['storage/*', 'components', 'storage holds tables and queries; pages use it, not the other way round'],
  ['components/*', 'entrypoints', 'pages reach the worker through messages (components/shared/rpc.ts), never its modules'],
];

const WHY_REPORT = 'features feed the report, never read it: shared shapes and row types belong in core/contracts';
const WHY_ENTRYPOINT = 'a protocol two entrypoints share lives in core/contracts, not inside one of them';

/** `layer/feature` of a repository path, or null outside the layers. */
function place(rel) {
  const [layer, feature] = rel.split('/');
  return ['core', 'storage', 'components', 'entrypoints'].includes(layer) ? { layer, feature: rel.includes('/', layer.length + 1) ? feature : null } : null;
}

function violation(from, to) {
  for (const [who, what, why] of FORBIDDEN) if (who === `${from.layer}/*` && to.layer === what) return why;
  if (from.layer === 'core' && to.layer === 'core' && to.feature === 'report' && from.feature !== 'report') return WHY_REPORT;
  if (from.layer === 'entrypoints' && to.layer === 'entrypoints' && from.feature && to.feature && from.feature !== to.feature) return WHY_ENTRYPOINT;
  return null;
}

export const dependencyDirection = {
  meta: {
    type: 'problem',
    docs: { description: 'keeps imports running from wiring to pages to storage to core, and features away from the report' },
    schema: [],
    messages: { forbidden: '{{from}} may not import {{to}}: {{why}}.' },
  },
  create(context) {
    const root = context.cwd;
    const fromRel = path.relative(root, context.filename).split(path.sep).join('/');
    const from = place(fromRel);
    if (!from) return {};
    function check(node) {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const toRel = path.relative(root, path.resolve(path.dirname(context.filename), source.value)).split(path.sep).join('/');
      const to = place(toRel);
      const why = to && violation(from, to);
      if (why) context.report({ node: source, messageId: 'forbidden', data: { from: fromRel, to: toRel, why } });
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
