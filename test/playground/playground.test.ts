/**
 * The playground, built, in real Chromium: the verdicts of the four seed mistakes, the error
 * explainer, the context form, the signature check, and the privacy promises (no request after
 * load, nothing stored, no signature in the DOM), keyboard use, themes, axe-core and offline use.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { evaluateAssertion, explainError, type AssertionContext } from '@entra-guard/policy';
import { createTestSigner, mint, type TestSigner } from '@entra-guard/policy/testing';
import { PLAYGROUND_DIST, launchChromium, serveStatic, type StaticSite } from './browser.mjs';

const TENANT_A = '11111111-1111-4111-8111-111111111111';
const TENANT_B = '22222222-2222-4222-8222-222222222222';
const CLIENT_ID = '33333333-3333-4333-8333-333333333333';
const GITHUB_SUBJECT = 'repo:contoso/api:ref:refs/heads/main';
const GITHUB_FIC = {
  name: 'github-main',
  issuer: 'https://token.actions.githubusercontent.com',
  subject: GITHUB_SUBJECT,
  audiences: ['api://AzureADTokenExchange'],
};
const ENDPOINT_B = `https://login.microsoftonline.com/${TENANT_B}/oauth2/v2.0/token`;
const SEED_003_ERROR = `{"error":"invalid_grant","error_description":"AADSTS50013: Assertion failed signature validation. [Reason - The key was not found.] Trace ID: Correlation ID: Timestamp: 2024-09-25 10:37:05Z","error_codes":[50013],"timestamp":"2024-09-25 10:37:05Z"}`;

let browser: Browser;
let site: StaticSite;
let signer: TestSigner;
const tokens: Record<
  'crossTenantMi' | 'delegated' | 'githubDefaultAudience' | 'selfSignedIssTenant' | 'assertion',
  string
> = {} as never;

beforeAll(async () => {
  [browser, site, signer] = await Promise.all([launchChromium(), serveStatic(PLAYGROUND_DIST), createTestSigner()]);
  const o = { signer };
  tokens.crossTenantMi = await mint.managedIdentity({ tenantId: TENANT_A }, o);
  tokens.delegated = await mint.delegated({ tenantId: TENANT_A }, o);
  // With no `audience`, GitHub's OIDC token names the repository owner's URL.
  tokens.githubDefaultAudience = await mint.githubActions(
    { subject: GITHUB_SUBJECT, audience: 'https://github.com/contoso' },
    o,
  );
  tokens.selfSignedIssTenant = await mint.selfSignedAssertion(
    { tenantId: TENANT_B, clientId: CLIENT_ID },
    { ...o, claims: { iss: TENANT_B } },
  );
  tokens.assertion = await mint.selfSignedAssertion({ tenantId: TENANT_B, clientId: CLIENT_ID }, o);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A page of its own context; service workers off unless asked for (they would serve requests unseen). */
async function open(options: BrowserContextOptions = {}): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ serviceWorkers: 'block', ...options });
  const page = await context.newPage();
  await page.goto(`${site.origin}/`);
  await page.waitForSelector('#paste');
  return { page, context };
}

async function setField(page: Page, name: string, value: string): Promise<void> {
  await page.locator(`#context [name="${name}"]`).fill(value);
}

const answer = (page: Page, flow: string) => page.locator(`.answer[data-flow="${flow}"]`).first();

/** What Node's engine predicts for the same input: the page must show this code and fix. */
/** Catalogue prose as the page shows it: code spans set as <code>, so without their backticks. */
const asShown = (text: string): string => text.replace(/`([^`\n]+)`/g, '$1');

function expected(token: string, context: AssertionContext) {
  const verdict = evaluateAssertion(token, context);
  expect(verdict.predicted).not.toBeNull();
  return verdict.predicted!;
}

describe('the playground predicts what Entra answers', () => {
  it('seed 000: a managed identity of tenant A as the credential of an app in tenant B is AADSTS700236', async () => {
    const { page, context } = await open();
    await setField(page, 'clientId', CLIENT_ID);
    await setField(page, 'tenantId', TENANT_B);
    await page.locator('#paste').fill(tokens.crossTenantMi);
    const want = expected(tokens.crossTenantMi, {
      tenantId: TENANT_B,
      clientId: CLIENT_ID,
      flow: 'client_credentials',
    });
    expect(want.code).toBe('AADSTS700236');
    const shown = answer(page, 'client_credentials');
    await expect.poll(() => shown.textContent()).toContain('AADSTS700236');
    expect(await shown.textContent()).toContain(asShown(want.fix));
    expect(await page.locator('.kind-name').first().textContent()).toContain('managed identity');
    await context.close();
  });

  it('seed 002: a delegated token as the client assertion is AADSTS700229, with nothing else known', async () => {
    const { page, context } = await open();
    await page.locator('#paste').fill(`Bearer ${tokens.delegated}`);
    const want = expected(tokens.delegated, { flow: 'client_credentials' });
    const shown = answer(page, 'client_credentials');
    await expect.poll(() => shown.textContent()).toContain(want.code!);
    expect(want.code).toBe('AADSTS700229');
    expect(await shown.textContent()).toContain(asShown(want.fix));
    await expect.poll(() => page.locator('.answer').count()).toBe(2);
    await context.close();
  });

  it('seed 001: a GitHub token with its default audience against the federated credential is AADSTS700212', async () => {
    const { page, context } = await open();
    await setField(page, 'federatedIdentityCredentials', JSON.stringify([GITHUB_FIC], null, 2));
    await page
      .locator('#paste')
      .fill(
        `curl ${ENDPOINT_B} -d client_id=${CLIENT_ID} -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer -d client_assertion=${tokens.githubDefaultAudience}`,
      );
    const want = expected(tokens.githubDefaultAudience, {
      tokenEndpoint: ENDPOINT_B,
      clientId: CLIENT_ID,
      flow: 'client_credentials',
      federatedIdentityCredentials: [GITHUB_FIC],
    });
    expect(want.code).toBe('AADSTS700212');
    const shown = answer(page, 'client_credentials');
    await expect.poll(() => shown.textContent()).toContain('AADSTS700212');
    expect(await shown.textContent()).toContain(asShown(want.fix));
    await context.close();
  });

  it('seed 003: a JWT signed by the app with iss = tenant, sent as the OBO assertion, is AADSTS50013', async () => {
    const { page, context } = await open();
    await page
      .locator('#paste')
      .fill(
        `POST /${TENANT_B}/oauth2/v2.0/token\n\ngrant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&requested_token_use=on_behalf_of&client_id=${CLIENT_ID}&assertion=${tokens.selfSignedIssTenant}`,
      );
    const want = expected(tokens.selfSignedIssTenant, { clientId: CLIENT_ID, flow: 'on_behalf_of' });
    expect(want.code).toBe('AADSTS50013');
    const shown = answer(page, 'on_behalf_of');
    await expect.poll(() => shown.textContent()).toContain('AADSTS50013');
    expect(await shown.textContent()).toContain(asShown(want.fix));
    expect(await page.locator('.answer[data-flow="client_credentials"]').count()).toBe(0);
    await context.close();
  });

  it('a curl line without client_assertion_type: a warning apart, and the tenant taken from the endpoint', async () => {
    const { page, context } = await open();
    await page
      .locator('#paste')
      .fill(`curl ${ENDPOINT_B} -d client_id=${CLIENT_ID} -d client_assertion=${tokens.crossTenantMi}`);
    const warning = page.locator('#results .warning');
    await expect.poll(() => warning.textContent()).toContain('client_assertion is sent without client_assertion_type');
    expect(await warning.locator('code').count()).toBe(3);
    const want = expected(tokens.crossTenantMi, {
      tokenEndpoint: ENDPOINT_B,
      clientId: CLIENT_ID,
      flow: 'client_credentials',
    });
    expect(want.code).toBe('AADSTS700236');
    await expect.poll(() => answer(page, 'client_credentials').textContent()).toContain(want.code!);
    await context.close();
  });

  it('an Entra error body is explained: cause, fix and the rules that predict it, from the catalogue', async () => {
    const { page, context } = await open();
    await page.locator('#paste').fill(SEED_003_ERROR);
    const node = explainError(SEED_003_ERROR);
    const shown = page.locator('.explanation');
    await expect.poll(() => shown.textContent()).toContain('AADSTS50013');
    expect(await shown.textContent()).toContain(asShown(node.primary!.fix!));
    expect(await shown.textContent()).toContain(asShown(node.primary!.cause!));
    expect(await shown.textContent()).toContain('obo-assertion-not-entra-issued');
    await context.close();
  });

  it('the verdict follows the form: the same managed identity is accepted in its own tenant, AADSTS700236 in another', async () => {
    const { page, context } = await open();
    await page.locator('#paste').fill(tokens.crossTenantMi);
    await setField(page, 'clientId', CLIENT_ID);
    await setField(page, 'tenantId', TENANT_A);
    const headline = answer(page, 'client_credentials').locator('.verdict');
    await expect.poll(() => headline.textContent()).toContain('not predicted to reject');
    await setField(page, 'tenantId', TENANT_B);
    await expect.poll(() => headline.textContent()).toContain('AADSTS700236');
    await page.locator('#context [name="flow"]').selectOption('on_behalf_of');
    await expect.poll(() => answer(page, 'on_behalf_of').textContent()).toContain('AADSTS7000114');
    await context.close();
  });

  it('checks the signature against a pasted JWKS or PEM certificate, with WebCrypto', async () => {
    const { page, context } = await open();
    await page.locator('#paste').fill(tokens.assertion);
    const status = page.locator('#verify-status');
    for (const key of [JSON.stringify(signer.jwks), signer.certificate!.pem]) {
      await page.locator('#key').fill(key);
      await page.locator('#verify').click();
      await expect.poll(() => status.textContent()).toBe('The signature is valid for this key.');
    }
    const [head, body] = tokens.assertion.split('.');
    await page.locator('#paste').fill(`${head}.${body}.${tokens.delegated.split('.')[2]}`);
    await page.locator('#verify').click();
    await expect.poll(() => status.textContent()).toMatch(/^The signature does not verify with this key/);
    await context.close();
  });
});

describe('the playground keeps the token private', () => {
  it('makes no request after load, and its policy blocks one the page would try', async () => {
    const { page, context } = await open();
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.continue();
    });
    context.on('request', (request) => requests.push(request.url()));
    await setField(page, 'clientId', CLIENT_ID);
    await setField(page, 'tenantId', TENANT_B);
    await setField(page, 'federatedIdentityCredentials', JSON.stringify({ value: [GITHUB_FIC] }));
    for (const text of [tokens.crossTenantMi, tokens.githubDefaultAudience, SEED_003_ERROR, tokens.assertion]) {
      await page.locator('#paste').fill(text);
      await page.locator('.answer, .explanation').first().waitFor();
    }
    await page.locator('#key').fill(JSON.stringify(signer.jwks));
    await page.locator('#verify').click();
    await expect.poll(() => page.locator('#verify-status').textContent()).toContain('valid');
    await page.locator('#share').click();
    const blocked = await page.evaluate(async (url) => {
      try {
        await fetch(url);
        return 'sent';
      } catch {
        return 'blocked';
      }
    }, `${site.origin}/exfiltrate`);
    expect(blocked).toBe('blocked');
    expect(site.served).not.toContain('/exfiltrate');
    expect(requests).toEqual([]);
    await context.close();
  });

  it('writes nothing to storage, cookies or the address; the share link carries the form and never the token', async () => {
    const { page, context } = await open();
    const address = page.url();
    await setField(page, 'tenantId', TENANT_B);
    await setField(page, 'clientId', CLIENT_ID);
    await page.locator('#paste').fill(tokens.crossTenantMi);
    await answer(page, 'client_credentials').waitFor();
    await page.locator('#share').click();
    const link = await page.locator('#share-link').inputValue();
    expect(link).toContain(`tenantId=${TENANT_B}`);
    expect(link).not.toContain(tokens.crossTenantMi.split('.')[1]!.slice(0, 20));
    const state = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookie: document.cookie,
      databases: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
      address: location.href,
    }));
    expect(state).toEqual({ local: 0, session: 0, cookie: '', databases: 0, caches: 0, address });
    const shared = await context.newPage();
    await shared.goto(link);
    expect(await shared.locator('#context [name="tenantId"]').inputValue()).toBe(TENANT_B);
    expect(await shared.locator('#paste').inputValue()).toBe('');
    await context.close();
  });

  it('never puts a signature in the DOM, and still judges the token after the text around it is edited', async () => {
    const { page, context } = await open();
    const signature = tokens.delegated.split('.')[2]!;
    await page.locator('#paste').fill(`Authorization: Bearer ${tokens.delegated}`);
    await answer(page, 'client_credentials').waitFor();
    const visible = () =>
      page.evaluate(() =>
        [
          document.documentElement.outerHTML,
          document.body.innerText,
          ...[...document.querySelectorAll('textarea, input')].map((e) => (e as HTMLInputElement).value),
        ].join('\n'),
      );
    expect(await visible()).not.toContain(signature);
    expect(await page.locator('#paste').inputValue()).toMatch(/‹signature 1, \d+ characters, not shown›/);
    await page.locator('#paste').press('End');
    await page.keyboard.type(' \n');
    await expect.poll(() => answer(page, 'client_credentials').textContent()).toContain('AADSTS700229');
    expect(await visible()).not.toContain(signature);
    // Edits keep one marker per token: a token pasted next is the second one masked.
    await page.keyboard.insertText(tokens.crossTenantMi);
    await expect.poll(() => page.locator('#paste').inputValue()).toMatch(/‹signature 2, \d+ characters, not shown›$/);
    await context.close();
  });
});

describe('the playground is usable', () => {
  it('works from the keyboard alone', async () => {
    const { page, context } = await open();
    const focusedId = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.id ?? '');
    for (let i = 0; i < 10 && (await focusedId()) !== 'paste'; i++) await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('paste');
    await page.keyboard.insertText(tokens.assertion);
    // The answer (with its docs links) comes next in reading order, then the form.
    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('name') ?? '');
    for (let i = 0; i < 20 && (await focusedName()) !== 'tenantId'; i++) await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('tenantId');
    await page.keyboard.insertText(TENANT_A);
    await page.keyboard.press('Tab');
    await page.keyboard.insertText(CLIENT_ID);
    // The assertion names tenant B's endpoint as its audience; typed tenant A makes it the wrong one.
    const want = expected(tokens.assertion, { tenantId: TENANT_A, clientId: CLIENT_ID, flow: 'client_credentials' });
    expect(want.code).toBe('AADSTS700023');
    await expect.poll(() => answer(page, 'client_credentials').textContent()).toContain(want.code!);
    await page.locator('#key').focus();
    await page.keyboard.insertText(JSON.stringify(signer.jwks));
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('verify');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#verify-status').textContent()).toBe('The signature is valid for this key.');
    await context.close();
  });

  it('has no serious or critical axe-core violation, in the light and the dark theme', async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context } = await open({ colorScheme });
      await page.locator('#paste').fill(`${tokens.delegated}\n${SEED_003_ERROR}`);
      await page.locator('.explanation').waitFor();
      await page.evaluate(axe);
      const violations = await page.evaluate(async () => {
        const result = await (
          window as unknown as {
            axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
          }
        ).axe.run();
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      expect(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
        colorScheme,
      ).toEqual([]);
      await context.close();
    }
  });

  it('follows prefers-color-scheme', async () => {
    const backgrounds: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context } = await open({ colorScheme });
      backgrounds.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
      await context.close();
    }
    expect(backgrounds).toEqual(['rgb(255, 255, 255)', 'rgb(13, 17, 23)']);
  });

  it('works with the network off after the first load', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.origin}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    // Every file of the build but the worker itself, the page as '/'.
    const built = readdirSync(PLAYGROUND_DIST, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !['sw.js', 'index.html'].includes(entry.name))
      .map((entry) => `/${relative(PLAYGROUND_DIST, join(entry.parentPath, entry.name))}`);
    expect(cached.sort()).toEqual(['/', ...built].sort());
    await context.setOffline(true);
    await page.reload();
    await page.locator('#paste').fill(tokens.delegated);
    await expect.poll(() => answer(page, 'client_credentials').textContent()).toContain('AADSTS700229');
    const screenshot = process.env.PLAYGROUND_SCREENSHOT;
    if (screenshot !== undefined) {
      await page.setViewportSize({ width: 1400, height: 1000 });
      await page.screenshot({ path: screenshot, fullPage: true });
    }
    await context.close();
  });
});
