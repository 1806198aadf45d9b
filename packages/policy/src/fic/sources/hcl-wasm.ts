/**
 * The WebAssembly files of the HCL parser: the tree-sitter runtime and the Terraform grammar of
 * tree-sitter-hcl. The single-file hooks bundle replaces this module with one that inlines both.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export async function hclWasm(): Promise<{ runtime: Uint8Array; grammar: Uint8Array }> {
  const [runtime, grammar] = await Promise.all([
    readFile(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
    readFile(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')),
  ]);
  return { runtime, grammar };
}
