/** Reading a workflow's `core.getIDToken(…)` calls: linear time on an unclosed call, same audiences read. */
import { describe, expect, it } from 'vitest';
import { readWorkflow } from '../../src/fic/sources/workflow.js';
import { bestOf } from '../helpers/timing.js';

const workflow = (script: string) => `on: push
permissions:
  id-token: write
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/github-script@v7
        with:
          script: ${JSON.stringify(script)}
`;

const audiences = (script: string) =>
  readWorkflow('.github/workflows/w.yml', workflow(script), 'main')?.jobs.flatMap((j) => j.oidc.map((o) => o.audience));

describe('workflow getIDToken', () => {
  it('reads a literal, a missing and a computed audience', () => {
    expect(audiences("await core.getIDToken('api://AzureADTokenExchange' )")).toEqual(['api://AzureADTokenExchange']);
    expect(audiences('await core.getIDToken( )')).toEqual([null]);
    expect(audiences("await core.getIDToken('api://' + suffix)")).toEqual([undefined]);
    expect(audiences('await core.getIDToken(aud)')).toEqual([undefined]);
  });

  it('takes at most about 4 times as long on an unclosed call 4 times as long', () => {
    const time = (n: number) => {
      const text = workflow(`core.getIDToken(a${' '.repeat(n)}`);
      return bestOf(() => readWorkflow('.github/workflows/w.yml', text, 'main'), 3);
    };
    expect(time(40_000) / time(10_000)).toBeLessThan(9);
  });
});
