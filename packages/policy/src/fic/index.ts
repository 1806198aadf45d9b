export { checkFederatedIdentityCredentials, type FicCheckOptions, type FicObjectType } from './check.js';
export { FIC_CHECKS, type FicCheck, type FicRule } from './checks.js';
export {
  claimsMatchExpression,
  parseClaimsMatchingExpression,
  type ExpressionOperator,
  type ExpressionTerm,
  type ParsedExpression,
} from '../domain/expression.js';
export {
  formatGitHubSubject,
  parseGitHubSubject,
  type GitHubEntity,
  type GitHubSubject,
  type GitHubSubjectProblem,
} from './github-subject.js';
