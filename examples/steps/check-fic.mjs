// `entra-guard check-fic` on the federated-credential definitions in examples/check-fic/: Terraform,
// Graph JSON and a GitHub Actions workflow beside its credential, as a repository would hold them.
import { entraGuard } from '../cli.mjs';

const TENANT = '11111111-1111-4111-8111-111111111111';

const EXAMPLES = [
  {
    dir: 'terraform-issuer-slash',
    about: 'a Terraform credential names the GitHub issuer with a trailing slash',
    expected: 'AADSTS700211',
  },
  {
    dir: 'managed-identity-v1-issuer',
    about: 'a managed identity as federated credential names the v1 issuer sts.windows.net',
    expected: 'AADSTS700211',
  },
  {
    dir: 'workflow-subject-case',
    about: "the workflow's environment `Production` is `production` in the credential",
    expected: 'AADSTS7002138',
  },
  {
    dir: 'workflow-fixed',
    about: 'the fix: the credential names the subject the job presents, in its case',
    expected: 'clean',
  },
];

export const checkFic = {
  title: 'entra-guard check-fic: federated credentials Entra accepts silently but can never match',
  async run() {
    return EXAMPLES.map(({ dir, about, expected }) => {
      const args = [
        'check-fic',
        '--no-git',
        '--repository',
        'contoso/payments',
        '--tenant-id',
        TENANT,
        `check-fic/${dir}`,
      ];
      const { code, stdout, stderr } = entraGuard([...args, '--format', 'json']);
      if (code === 2) throw new Error(`entra-guard check-fic failed on ${dir}: ${stderr.trim()}`);
      const errors = JSON.parse(stdout).findings.filter((f) => f.severity === 'error');
      return {
        example: dir,
        about,
        command: `entra-guard ${args.join(' ')}`,
        expected,
        predicted: errors.length === 0 ? 'clean' : [...new Set(errors.map((f) => f.code ?? f.rule))].join(', '),
        ...(errors[0] && { fix: errors[0].fix }),
      };
    });
  },
};
