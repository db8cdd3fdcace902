/**
 * The journal page in a real browser: Debian's Chromium driven by playwright-core (which never
 * downloads one). A mock in this process answers a good store and a store encrypted with MGF1
 * SHA-1, and the page must show both live, filter by fault, name the diagnosis with its Java fix,
 * and render hostile text as text. It saves screenshots under reports/ui/ and records how long a
 * 1,000-entry journal takes to render and to filter. Skipped, with the reason, without Chromium.
 */
import assert from 'node:assert/strict';
import { constants, createHash, publicEncrypt, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import forge from 'node-forge';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { request } from 'undici';
import catalogue from '../fixtures/faults/catalogue.json' with { type: 'json' };
import { buildConfig } from '../mock-server/config.ts';
import { serve, type RunningMock } from '../mock-server/main.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.ts';
import { TEST_POOL_SEED } from '../mock-server/store/shippedSeeds.ts';

const executablePath = chromiumPath();
const SHOTS = 'reports/ui';
const HOSTILE_USER = '<img src=x onerror=alert(1)>';
const HOSTILE_PATH = '/v1/keys/<img/src=x/onerror=alert(2)>/verify';
const PARTNER = { authorization: 'Bearer test-partner-key', 'content-type': 'application/json' };
const SEED_PHRASE = Buffer.from(
  'legal winner thank year wave sausage worth useful legal winner thank yellow',
);

let mock: RunningMock;
let context: BrowserContext;
let page: Page;
let profile: string;
const dialogs: string[] = [];
const pageErrors: string[] = [];

async function launch(): Promise<BrowserContext> {
  profile = mkdtempSync(join(tmpdir(), 'coincover-mock-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
  });
}

async function newPage(): Promise<Page> {
  const opened = await context.newPage();
  opened.setDefaultTimeout(15_000);
  opened.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  opened.on('pageerror', (error) => pageErrors.push(error.message));
  // The page-side flag: any alert() call, whether or not a dialog is shown, and any CSP violation.
  await opened.addInitScript(() => {
    const flags = window as unknown as { alerted: boolean; violations: string[] };
    flags.alerted = false;
    flags.violations = [];
    window.alert = () => void (flags.alerted = true);
    document.addEventListener('securitypolicyviolation', (event) =>
      flags.violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return opened;
}

async function openJournal(target: Page): Promise<void> {
  await target.goto(`${mock.url}/_mock/ui`);
  await target.waitForSelector('html[data-journal="ready"]');
}

async function assignKey(userIdentifier: string): Promise<{ key_id: string; public_key: string }> {
  const id = randomUUID().slice(0, 8);
  const answer = await request(`${mock.url}/v1/partner/keys`, {
    method: 'POST',
    headers: PARTNER,
    body: JSON.stringify({
      user_identifier: userIdentifier,
      key_type: 'rsa4096',
      key_environment: 'HOT',
      organisation: { customer_id: `org-${id}`, customer_name: 'Acme Corp' },
      package: { package_id: `pkg-${id}`, package_name: 'Main Workspace' },
    }),
  });
  assert.equal(answer.statusCode, 200);
  return (await answer.body.json()) as { key_id: string; public_key: string };
}

const pemOf = (publicKeyHex: string) =>
  `-----BEGIN PUBLIC KEY-----\n${Buffer.from(publicKeyHex, 'hex').toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PUBLIC KEY-----\n`;

async function store(
  publicKeyHex: string,
  ciphertext: Buffer,
): Promise<{ status: number; faults: string }> {
  const answer = await request(`${mock.url}/v1/partner/secure/data`, {
    method: 'POST',
    headers: PARTNER,
    body: JSON.stringify({
      public_key: publicKeyHex,
      checksum: createHash('sha256').update(SEED_PHRASE).digest('hex'),
      data: ciphertext.toString('base64'),
    }),
  });
  await answer.body.dump();
  return { status: answer.statusCode, faults: String(answer.headers['x-mock-faults'] ?? '') };
}

/** A raw request line: the path goes out exactly as written, markup and all. */
function rawGet(path: string): Promise<number> {
  const { hostname, port } = new URL(mock.url);
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      { host: hostname, port, path, headers: { authorization: 'Bearer test-partner-key' } },
      (answer) => {
        answer.resume();
        answer.on('end', () => resolve(answer.statusCode ?? 0));
      },
    );
    sent.on('error', reject);
    sent.end();
  });
}

const rowCount = (target: Page) => target.locator('#rows .row:not([hidden])').count();
const measure = (target: Page, name: string) =>
  target.evaluate(
    (entry) => performance.getEntriesByName(entry).at(-1)?.duration ?? Number.NaN,
    name,
  );

describe(
  'the journal page in Chromium',
  { skip: executablePath ? false : 'no Chromium: install chromium or set CHROMIUM_PATH' },
  () => {
    let keyId: string;

    before(async () => {
      mkdirSync(SHOTS, { recursive: true });
      mock = await serve(
        buildConfig({ port: 0, quiet: true, poolSize: 0, seedFiles: [TEST_POOL_SEED] }),
        { log: () => {}, announce: null },
      );
      context = await launch();
      page = await newPage();
      await openJournal(page);
    });

    after(async () => {
      await context?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
      await mock?.close();
    });

    it('shows a good store and a store encrypted with MGF1 SHA-1 as they arrive, without a reload', async () => {
      await page.evaluate(
        () => void ((window as unknown as { sameDocument: boolean }).sameDocument = true),
      );
      assert.equal(await rowCount(page), 0);

      const key = await assignKey(HOSTILE_USER);
      keyId = key.key_id;
      const good = publicEncrypt(
        {
          key: pemOf(key.public_key),
          padding: constants.RSA_PKCS1_OAEP_PADDING,
          oaepHash: 'sha256',
        },
        SEED_PHRASE,
      );
      assert.deepEqual(await store(key.public_key, good), { status: 200, faults: '' });
      const forgeKey = forge.pki.publicKeyFromPem(pemOf(key.public_key));
      const sha1Mgf = forgeKey.encrypt(SEED_PHRASE.toString('binary'), 'RSA-OAEP', {
        md: forge.md.sha256.create(),
        mgf1: { md: forge.md.sha1.create() },
      });
      assert.deepEqual(await store(key.public_key, Buffer.from(sha1Mgf, 'binary')), {
        status: 400,
        faults: 'oaep_mgf1_mismatch',
      });
      assert.equal(await rawGet(HOSTILE_PATH), 404);

      await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 4);
      assert.equal(
        await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
        true,
        'the page was reloaded',
      );
      const rows = await page
        .locator('#rows .row')
        .evaluateAll((rows) =>
          rows.map((row) => [...row.querySelectorAll('[role=cell]')].map((td) => td.textContent)),
        );
      // Newest first: the hostile path, the bad store, the good store, the assignment.
      assert.deepEqual(
        rows.map((cells) => [cells[1], cells[2], cells[3], cells[7]]),
        [
          ['GET', HOSTILE_PATH, '404', 'route_not_found'],
          ['POST', '/v1/partner/secure/data', '400', 'oaep_mgf1_mismatch'],
          ['POST', '/v1/partner/secure/data', '200', ''],
          ['POST', '/v1/partner/keys', '200', ''],
        ],
      );
      const counts = `pool${await poolCount()}keys1backups1`;
      await page.waitForFunction(
        (expected) => document.getElementById('counts')?.textContent === expected,
        counts,
      );
      await page.screenshot({ path: `${SHOTS}/journal-list.png` });
      await page.setViewportSize({ width: 420, height: 860 });
      assert.equal(
        await page.evaluate(() => document.documentElement.scrollWidth),
        420,
        'a narrow window scrolls sideways',
      );
      await page.screenshot({ path: `${SHOTS}/journal-narrow.png` });
      await page.setViewportSize({ width: 1280, height: 860 });
    });

    it('filters by fault to the bad store alone', async () => {
      await page.selectOption('#filter-fault', 'oaep_mgf1_mismatch');
      await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 1);
      const cells = await page.locator('#rows .row [role=cell]').allTextContents();
      assert.deepEqual(
        [cells[2], cells[3], cells[7]],
        ['/v1/partner/secure/data', '400', 'oaep_mgf1_mismatch'],
      );
      assert.equal(await page.locator('#shown').textContent(), '1 request');
    });

    it('opens the diagnosis: oaep_mgf1_mismatch, SHA-1 found for MGF1, and the Java fix, remembered', async () => {
      await page.locator('#rows .row').first().focus();
      await page.keyboard.press('Enter');
      const finding = page.locator('#detail .finding[data-code="oaep_mgf1_mismatch"]');
      await finding.waitFor();
      const details = await finding
        .locator('dl.details')
        .evaluate((dl) =>
          Object.fromEntries(
            [...dl.querySelectorAll('dt')].map((dt) => [
              dt.textContent,
              dt.nextElementSibling?.textContent,
            ]),
          ),
        );
      assert.equal(details.mgf1_hash, 'SHA-1');
      assert.equal(details.oaep_hash, 'SHA-256');
      assert.match((await finding.locator('.message').textContent()) ?? '', /SHA-1 for MGF1/);
      const entry = catalogue.faults.oaep_mgf1_mismatch;
      assert.equal(await finding.locator('dl.catalogue dd').first().textContent(), entry.effect);

      await finding.locator('.languages button[data-language="java"]').click();
      const fix = page.locator('#detail .finding[data-code="oaep_mgf1_mismatch"] .fix-text');
      assert.equal(await fix.getAttribute('data-language'), 'java');
      assert.equal(await fix.textContent(), entry.fix.java);
      assert.equal(
        await page.evaluate(() => localStorage.getItem('coincover-mock.fix-language')),
        'java',
      );

      const curl = (await page.locator('#detail .curl pre').textContent()) ?? '';
      assert.match(
        curl,
        /-d "\{\\"public_key\\":\\"\$PUBLIC_KEY\\",\\"checksum\\":\\"\$CHECKSUM\\",\\"data\\":\\"\$DATA\\"\}"/,
      );
      assert.match(curl, /Authorization: Bearer \$API_KEY/);
      assert.doesNotMatch(curl, /test-partner-key/);
      await page.screenshot({ path: `${SHOTS}/journal-detail.png` });

      // Another tab of the same browser opens on the language chosen.
      const second = await newPage();
      await openJournal(second);
      await second.locator('#rows .row', { hasText: 'oaep_mgf1_mismatch' }).click();
      assert.equal(
        await second
          .locator('.languages button[aria-pressed="true"]')
          .first()
          .getAttribute('data-language'),
        'java',
      );
      await second.close();
    });

    it('renders a hostile user_identifier and path as text, and runs no script', async () => {
      await page.keyboard.press('Escape');
      await page.selectOption('#filter-fault', '');
      await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 4);
      await page.locator('#rows .row', { hasText: '/v1/partner/keys' }).click();
      await page.locator('#detail button', { hasText: 'View key' }).click();
      const stored = page.locator('#detail dl.stored');
      await stored.waitFor();
      const view = await stored.evaluate((dl) =>
        Object.fromEntries(
          [...dl.querySelectorAll('dt')].map((dt) => [
            dt.textContent,
            dt.nextElementSibling?.textContent,
          ]),
        ),
      );
      assert.equal(view.user_identifier, HOSTILE_USER);
      assert.equal(view.key_id, keyId);
      assert.equal(
        await page.locator('#rows .path', { hasText: 'onerror' }).textContent(),
        HOSTILE_PATH,
      );
      await page.waitForTimeout(300);
      const flags = await page.evaluate(() => ({
        alerted: (window as unknown as { alerted: boolean }).alerted,
        images: document.querySelectorAll('img').length,
        violations: (window as unknown as { violations: string[] }).violations,
      }));
      assert.deepEqual(flags, { alerted: false, images: 0, violations: [] });
      assert.deepEqual(dialogs, []);
      assert.deepEqual(pageErrors, []);
    });

    it('asks before clearing the journal, and clears it on every open page', async () => {
      await page.click('#clear-journal');
      assert.equal(
        await page.locator('#confirm').evaluate((d) => (d as HTMLDialogElement).open),
        true,
      );
      await page.keyboard.press('Escape');
      assert.equal(await rowCount(page), 4);
      await page.click('#clear-journal');
      await page.click('#confirm-ok');
      await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 0);
      assert.equal(mock.deps.journal.size, 0);
      assert.equal(mock.deps.store.counts().keys, 1, 'clearing the journal keeps the keys');
    });

    it('renders and filters a 1,000-entry journal (the figures are recorded, not asserted)', async () => {
      const sends: Array<Promise<unknown>> = [];
      for (let i = 0; i < 1000; i++) {
        const headers = i % 3 === 0 ? { authorization: 'Bearer not-a-known-key' } : {};
        sends.push(
          request(`${mock.url}/v1/keys/${randomUUID()}/verify`, { headers }).then((answer) =>
            answer.body.dump(),
          ),
        );
        if (sends.length === 50) await Promise.all(sends.splice(0));
      }
      await Promise.all(sends);
      await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 1000);

      await openJournal(page);
      assert.equal(await rowCount(page), 1000);
      const load = await measure(page, 'journal:load');
      const render = await measure(page, 'journal:render');
      await page.selectOption('#filter-fault', 'auth_invalid');
      await page.waitForFunction(() => document.querySelectorAll('#rows .row').length === 334);
      const filter = await measure(page, 'journal:filter');
      await page.fill('#filter-text', 'not a known');
      const search = await measure(page, 'journal:search');
      const figures = {
        entries: 1000,
        load_ms: Math.round(load),
        render_ms: Math.round(render),
        filter_ms: Math.round(filter),
        search_ms: Math.round(search),
        target_ms: 200,
      };
      writeFileSync(`${SHOTS}/timing.json`, `${JSON.stringify(figures)}\n`);
      console.log(
        `journal page, 1,000 entries: loaded in ${figures.load_ms} ms (rows built in ${figures.render_ms} ms), filtered by fault in ${figures.filter_ms} ms, searched in ${figures.search_ms} ms (target: under 200 ms)`,
      );
      for (const value of [load, render, filter, search])
        assert.ok(Number.isFinite(value), 'every figure was measured');
    });

    it('asks for the control token of a mock that has one, and keeps it for the tab', async () => {
      const guarded = await serve(
        buildConfig({
          port: 0,
          quiet: true,
          poolSize: 0,
          controlToken: 'correct-horse-battery-staple',
        }),
        { log: () => {}, announce: null },
      );
      try {
        const tab = await newPage();
        await tab.goto(`${guarded.url}/_mock/ui`);
        await tab.locator('#token-form').waitFor();
        assert.equal(await tab.locator('#connection').getAttribute('data-state'), 'token');
        await tab.fill('#token-input', 'correct-horse-battery-staple');
        await tab.press('#token-input', 'Enter');
        await tab.waitForSelector('html[data-journal="ready"]');
        assert.equal(
          await tab.evaluate(() => sessionStorage.getItem('coincover-mock.control-token')),
          'correct-horse-battery-staple',
        );
        assert.equal(
          await tab.evaluate(() => localStorage.getItem('coincover-mock.control-token')),
          null,
        );
        await tab.close();
      } finally {
        await guarded.close();
      }
    });
  },
);

async function poolCount(): Promise<number> {
  const health = (await (await request(`${mock.url}/_mock/health`)).body.json()) as {
    pool: { seeded: number; ready: { HOT: number; COLD: number } };
  };
  return health.pool.seeded + health.pool.ready.HOT + health.pool.ready.COLD;
}
