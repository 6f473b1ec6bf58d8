/** Deploy-time syntax checks of the FEEL in a DMN resource: expressions and unary tests (input entries). */
import { parseUnaryTests } from 'feelin';
import { checkFeelSyntax } from '../feel/expression.ts';
import { functionsUsedBy } from '../feel/camunda-functions.ts';

/** An input entry that matches every value: `-` or empty. */
export function matchesAnything(entry: string): boolean {
  const trimmed = entry.trim();
  return trimmed === '' || trimmed === '-';
}

/** Checks a FEEL expression (no leading `=`); undefined when it parses, else the parser's complaint. */
export function checkExpressionSyntax(expression: string): string | undefined {
  return checkFeelSyntax(expression);
}

/** Checks unary tests (an input entry such as `"a","b"`, `> 10`, `[1..5]`, `not("x")`). */
export function checkUnaryTestsSyntax(entry: string): string | undefined {
  if (matchesAnything(entry)) return undefined;
  const tree = parseUnaryTests(entry, functionsUsedBy(entry), undefined);
  let problem: string | undefined;
  tree.iterate({
    enter(node) {
      if (problem !== undefined) return false;
      if (!node.type.isError) return undefined;
      problem =
        node.from < node.to
          ? `unexpected '${entry.slice(node.from, node.to)}' at position ${node.from}`
          : `unexpected end or token at position ${node.from}`;
      return false;
    },
  });
  return problem === undefined ? undefined : `failed to parse unary tests '${entry}': ${problem}`;
}
