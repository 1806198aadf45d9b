/**
 * The scope and reference helpers of `@eslint-community/eslint-utils`, typed for TSESTree as typescript-eslint's
 * `ASTUtils` re-exports them: the plugin needs `@typescript-eslint/utils` for its types only.
 */
import { findVariable, getStaticValue, ReferenceTracker } from '@eslint-community/eslint-utils';
import type { ASTUtils as Typed } from '@typescript-eslint/utils';

export const ASTUtils = {
  findVariable: findVariable as unknown as typeof Typed.findVariable,
  getStaticValue: getStaticValue as unknown as typeof Typed.getStaticValue,
  ReferenceTracker: ReferenceTracker as unknown as typeof Typed.ReferenceTracker,
};
