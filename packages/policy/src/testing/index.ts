/**
 * `@entra-guard/policy/testing`: real, locally signed tokens of every kind entra-guard knows, to
 * test your own wiring (and ours) without touching Entra. Never use these keys outside tests.
 */
export { createTestSigner, type TestAlgorithm, type TestSigner } from './signer.js';
export {
  createSelfSignedCertificate,
  type CertificateOptions,
  type SubjectAltName,
  type TestCertificate,
} from './certificate.js';
export {
  mint,
  type AppOnlyMint,
  type DelegatedMint,
  type EntraTokenVersion,
  type GitHubActionsMint,
  type GraphMint,
  type IdTokenMint,
  type KubernetesMint,
  type ManagedIdentityMint,
  type MintOptions,
  type SelfSignedAssertionMint,
} from './mint.js';
