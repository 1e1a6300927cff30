// Prints a syntax tree back as expression text (without the outer brackets), in a canonical spelling:
// parseExpression(printExpression(n)) gives back a tree equal to n. Used in messages and tests.

import type { ExprNode } from './ast';

const SIMPLE_PROPERTY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function printExpression(node: ExprNode): string {
  switch (node.kind) {
    case 'string':
      return `'${node.value.replace(/'/g, "''")}'`;
    case 'number':
      return String(node.value);
    case 'call': {
      const name = node.namespace === undefined ? node.name : `${node.namespace}.${node.name}`;
      return `${name}(${node.args.map(printExpression).join(', ')})`;
    }
    case 'property':
      return SIMPLE_PROPERTY.test(node.name)
        ? `${printExpression(node.target)}.${node.name}`
        : `${printExpression(node.target)}['${node.name.replace(/'/g, "''")}']`;
    case 'index':
      return `${printExpression(node.target)}[${printExpression(node.index)}]`;
  }
}
