// The made-up tenants, identities and apps the examples share (no real Entra objects).
export const TENANTS = {
  /** Where the user-assigned managed identity lives. */
  contoso: 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa',
  /** The resource tenant the workload calls. */
  fabrikam: 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb',
};

export const MANAGED_IDENTITY = {
  principalId: 'c0c0c0c0-3333-4333-8333-c0c0c0c0c0c0',
  clientId: 'd1d1d1d1-4444-4444-8444-d1d1d1d1d1d1',
};

/** The app the assertion authenticates (its client id). */
export const APP_ID = 'e2e2e2e2-5555-4555-8555-e2e2e2e2e2e2';
/** Another app registration, whose client-credentials token is sent by mistake. */
export const OTHER_APP_ID = 'f3f3f3f3-6666-4666-8666-f3f3f3f3f3f3';
