/** Helpers for suggestions that swap a string in place. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** Whether `inner` lies inside `outer` (a suggestion edits the reported call, never a constant other code may share). */
export function within(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** A fix that replaces `node` with the string literal `value`, in the quote style of the code it replaces. */
export function replaceWithString(
  node: TSESTree.Node,
  value: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.ReportFixFunction {
  const quote = sourceCode.getText(node).startsWith('"') ? '"' : "'";
  return (fixer) => fixer.replaceText(node, `${quote}${value}${quote}`);
}
