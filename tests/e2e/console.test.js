// Browser tests of the console and the portal: Debian's Chromium driven by playwright-core
// against a server started for this run (see harness.js).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { buildWeb, kDemoPassword, kRepo, startServer, totpCode } from './harness.js'

const kArtifacts = join(kRepo, 'tests/e2e/artifacts')
const kNeighbourDivision = '511621' // Yuechi County, next to Guang'an District

let server
let context
let profile
// Content-Security-Policy violations and uncaught page errors seen in any page.
const problems = []

async function newPage() {
  const page = await context.newPage()
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push('page error: ' + error.message))
  return page
}

async function login(page, username) {
  // Pages share the context's cookies, so drop any session a previous test left behind.
  await context.clearCookies()
  await page.goto(server.baseUrl + '/console/login')
  await page.locator('#login-username').fill(username)
  await page.locator('#login-password').fill(kDemoPassword)
  await page.getByRole('button', { name: '登录' }).click()
}

// Waits until CSS transitions and animations end, so a screenshot shows no half-drawn drawer or
// dialog.
async function settle(page) {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running'),
  )
}

// The validation message under the form item that contains the element with this id or data-test.
function fieldError(page, name) {
  const control = page.locator(`#${name}, [data-test=${name}]`)
  return page.locator('.el-form-item', { has: control }).locator('.el-form-item__error')
}

// Signs in an account that must enrol TOTP, enrols it and waits for the dashboard.
async function signInWithEnrolment(page, username) {
  await login(page, username)
  await page.waitForURL(/\/console\/totp\/enrol/)
  const secretElement = page.locator('[data-test=totp-secret]')
  await secretElement.waitFor()
  const secret = new URL(await secretElement.getAttribute('data-uri')).searchParams.get('secret')
  await page.locator('#totp-code').fill(totpCode(secret))
  await page.getByRole('button', { name: '确认绑定' }).click()
  await page.waitForURL(server.baseUrl + '/console/')
}

before(async () => {
  mkdirSync(kArtifacts, { recursive: true })
  if (!process.env.MINGJING_E2E_SKIP_WEB_BUILD) buildWeb()
  server = await startServer()
  profile = mkdtempSync(join(tmpdir(), 'mingjing-chromium-'))
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  })
})

after(async () => {
  if (context) await context.close()
  if (server) await server.stop()
  if (profile) rmSync(profile, { recursive: true, force: true })
})

test('staff signs in without a second factor', async () => {
  const page = await newPage()
  await page.goto(server.baseUrl + '/console/')
  await page.waitForURL(/\/console\/login/)
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN')
  await page.screenshot({ path: join(kArtifacts, 'login.png'), fullPage: true })

  await login(page, 'minzheng.staff')
  await page.waitForURL(server.baseUrl + '/console/')
  await page.locator('[data-test=dashboard-stats] [data-test=stat-value]').first().waitFor()
  const menu = await page.locator('nav#console-nav').innerText()
  assert.match(menu, /组织机构/)
  assert.doesNotMatch(menu, /用户管理/, 'staff must not see the users page')
  assert.doesNotMatch(menu, /接口密钥/, 'staff must not see the API keys page')
  await page.locator('[data-test=logout]').click()
  await page.waitForURL(/\/console\/login/)
  await page.close()
})

test('wrong password shows the API error', async () => {
  const page = await newPage()
  await page.goto(server.baseUrl + '/console/login')
  await page.locator('#login-username').fill('shenpi.staff')
  await page.locator('#login-password').fill('not-the-password-1')
  await page.getByRole('button', { name: '登录' }).click()
  await page.locator('[data-test=login-error]').waitFor()
  assert.match(page.url(), /\/console\/login/)
  await page.close()
})

test('supervisor enrols TOTP and stays in region', async () => {
  const page = await newPage()
  await login(page, 'guangan.supervisor')
  await page.waitForURL(/\/console\/totp\/enrol/)
  const secretElement = page.locator('[data-test=totp-secret]')
  await secretElement.waitFor()
  const uri = await secretElement.getAttribute('data-uri')
  assert.match(uri, /^otpauth:\/\/totp\//)
  const secret = new URL(uri).searchParams.get('secret')
  assert.equal(await secretElement.innerText(), secret)
  assert.ok(await page.locator('img.totp-qr').isVisible(), 'the QR code is shown')
  await page.screenshot({ path: join(kArtifacts, 'totp-enrol.png'), fullPage: true })

  await page.locator('#totp-code').fill(totpCode(secret))
  await page.getByRole('button', { name: '确认绑定' }).click()
  await page.waitForURL(server.baseUrl + '/console/')
  await page.locator('[data-test=dashboard-stats] [data-test=stat-value]').first().waitFor()
  await page.screenshot({ path: join(kArtifacts, 'dashboard.png'), fullPage: true })
  assert.match(await page.locator('#dashboard-title').innerText(), /您好/)

  await page.locator('[data-test=lang-switch]').click()
  await page.waitForFunction(() => document.documentElement.lang === 'en')
  assert.match(await page.locator('#dashboard-title').innerText(), /Welcome/)
  await page.reload()
  await page.locator('#dashboard-title').waitFor()
  assert.match(await page.locator('#dashboard-title').innerText(), /Welcome/, 'English persists')
  await page.screenshot({ path: join(kArtifacts, 'dashboard-en.png'), fullPage: true })
  await page.locator('[data-test=lang-switch]').click()
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN')
  assert.match(await page.locator('#dashboard-title').innerText(), /您好/)

  await page.locator('[data-test=nav-organisation]').click()
  await page.waitForURL(/\/console\/organisation/)
  await page.locator('[data-test=org-current]').waitFor()
  assert.equal(await page.locator('[data-test=org-current]').innerText(), '广安区')
  await page.locator('[data-test=org-departments] .el-table__row').first().waitFor()
  const orgText = await page.locator('main').innerText()
  assert.match(orgText, /民政局/)
  assert.doesNotMatch(orgText, /岳池/, "the neighbouring county's data must be absent")
  await page.screenshot({ path: join(kArtifacts, 'organisation.png'), fullPage: true })
  const status = await page.evaluate(
    (code) => fetch('/api/v1/divisions/' + code).then((r) => r.status),
    kNeighbourDivision,
  )
  assert.equal(status, 404, 'the API hides the neighbouring county')

  // A later sign-in requires a code. The enrolment used the current 30 s step, and the server
  // accepts each step once, so send the next step's code, which its drift window allows.
  await page.locator('[data-test=logout]').click()
  await page.waitForURL(/\/console\/login/)
  await login(page, 'guangan.supervisor')
  await page.waitForURL(/\/console\/totp\/verify/)
  await page.locator('#totp-code').fill(totpCode(secret, Date.now() + 30_000))
  await page.getByRole('button', { name: '验证' }).click()
  await page.waitForURL(server.baseUrl + '/console/')
  await page.locator('#dashboard-title').waitFor()

  // On a phone the side menu becomes a drawer behind a menu button.
  await page.setViewportSize({ width: 390, height: 800 })
  assert.equal(await page.locator('[data-test=nav-dashboard]').isVisible(), false)
  await page.locator('.menu-toggle').click()
  await page.locator('[data-test=nav-organisation]').waitFor()
  await settle(page)
  await page.screenshot({ path: join(kArtifacts, 'console-phone-menu.png') })
  await page.locator('[data-test=nav-organisation]').click()
  await page.waitForURL(/\/console\/organisation/)
  assert.equal(await page.locator('[data-test=nav-dashboard]').isVisible(), false)
  await page.close()
})

test('platform admin sees field errors', async () => {
  const page = await newPage()
  await signInWithEnrolment(page, 'platform.admin')
  await page.locator('[data-test=nav-users]').click()
  await page.locator('[data-test=users-table] .el-table__row').first().waitFor()
  assert.match(await page.locator('[data-test=users-table]').innerText(), /minzheng\.staff/)

  await page.locator('[data-test=user-create]').click()
  await page.locator('#user-username').fill('district.clerk01')
  await page.locator('#user-display-name').fill('新职员')
  await page.locator('#user-division').fill('511602')
  await page.locator('.el-checkbox', { hasText: '部门工作人员' }).click()
  await page.locator('#user-password').fill('Correct-horse-battery-2026')
  await page.locator('[data-test=user-save]').click()
  // Staff need a department: the server names department_id and the form shows it there.
  await fieldError(page, 'department-select').waitFor()
  assert.match(await fieldError(page, 'department-select').innerText(), /department/)

  await page.locator('[data-test=department-select]').click()
  await page.locator('.el-select-dropdown__item', { hasText: /^区民政局$/ }).click()
  // Long enough for the form, but the server rejects a password equal to the user name.
  await page.locator('#user-password').fill('district.clerk01')
  await page.locator('[data-test=user-save]').click()
  await fieldError(page, 'user-password').waitFor()
  assert.match(await fieldError(page, 'user-password').innerText(), /user name/)
  await page.screenshot({ path: join(kArtifacts, 'user-form-errors.png') })

  await page.locator('#user-password').fill('Correct-horse-battery-2026')
  await page.locator('[data-test=user-save]').click()
  await page.locator('.el-message--success').waitFor()
  await page.locator('[data-test=users-table]', { hasText: 'district.clerk01' }).waitFor()

  // The same administrator confirms an imported item's limits, fee and review flag.
  await page.locator('[data-test=nav-catalog]').click()
  await page.locator('#catalog-keyword').fill('婚姻登记')
  await page.locator('#catalog-keyword').press('Enter')
  await page.locator('[data-test=catalog-table] .el-table__row a', { hasText: '婚姻' }).first().click()
  await page.waitForURL(/\/console\/catalog\/items\/\d+/)
  // Step limits must fit in the promised limit, so a shorter promise is rejected field by field.
  await page.locator('#promised-amount').fill('8')
  await page.locator('[data-test=item-save]').click()
  await page.locator('[data-test=item-errors]', { hasText: 'steps' }).waitFor()
  await page.locator('#promised-amount').fill('10')
  await page.locator('#statutory-amount').fill('25')
  await page.locator('[data-test=needs-review]').click()
  await page.locator('[data-test=item-save]').click()
  await page.locator('.el-message--success', { hasText: '第 2 版' }).waitFor()
  await page.locator('#tab-history').click()
  await page.locator('[data-test=item-history] .el-table__row').nth(1).waitFor()
  await settle(page)
  await page.screenshot({ path: join(kArtifacts, 'catalog-item.png'), fullPage: true })

  // And stores next year's holiday schedule from a file, watching the upload's progress.
  await page.locator('[data-test=nav-calendar]').click()
  await page.locator('[data-test=month-grid]').waitFor()
  const nextYear = new Date().getFullYear() + 1
  const schedule = {
    year: nextYear,
    days: [
      { name: '元旦', date: `${nextYear}-01-01`, isOffDay: true },
      { name: '元旦', date: `${nextYear}-01-04`, isOffDay: false },
    ],
  }
  await page.locator('[data-test=upload-file]').setInputFiles({
    name: `${nextYear}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(schedule)),
  })
  await page.locator('[data-test=upload-preview]', { hasText: '元旦' }).waitFor()
  await page.locator('[data-test=upload-submit]').click()
  await page.locator('[data-test=upload-progress][aria-valuenow="100"]').waitFor()
  await page.locator('.el-message--success', { hasText: String(nextYear) }).waitFor()
  await settle(page)
  await page.screenshot({ path: join(kArtifacts, 'calendar.png'), fullPage: true })
  await page.close()
})

test('security admin issues and revokes a key', async () => {
  const page = await newPage()
  await signInWithEnrolment(page, 'security.admin')
  await page.locator('[data-test=nav-api-keys]').click()
  await page.waitForURL(/\/console\/api-keys/)
  await page.locator('[data-test=key-issue]').click()
  await page.locator('#key-name').fill('端到端测试系统')
  await page.locator('[data-test=key-save]').click()
  const secret = page.locator('input[data-test=secret-value]')
  await secret.waitFor()
  assert.ok((await secret.inputValue()).length >= 16, 'the secret is shown once')
  await page.getByRole('button', { name: '我已保存' }).click()
  const row = page.locator('[data-test=keys-table] .el-table__row', { hasText: '端到端测试系统' })
  await row.waitFor()
  assert.match(await row.innerText(), /有效/)

  await row.getByRole('button', { name: '吊销' }).click()
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  await row.filter({ hasText: '已吊销' }).waitFor()
  await page.close()
})

test('audit admin verifies the ledger', async () => {
  const page = await newPage()
  await signInWithEnrolment(page, 'audit.admin')
  await page.locator('[data-test=nav-ledger]').click()
  await page.locator('[data-test=ledger-head]').waitFor()
  await page.locator('[data-test=ledger-entries] .el-table__row').first().waitFor()
  await page.locator('[data-test=ledger-verify]').click()
  const result = page.locator('[data-test=ledger-verify-result]')
  await result.waitFor()
  assert.match(await result.innerText(), /账本完整/)

  // The oldest entry on the page: the newest may not be under a signed head for up to a second.
  await page.getByRole('button', { name: '包含证明' }).last().click()
  await page.locator('.el-dialog', { hasText: '叶哈希' }).waitFor()
  await settle(page)
  await page.screenshot({ path: join(kArtifacts, 'ledger-proof.png') })
  await page.close()
})

test('portal home and service items load', async () => {
  const page = await newPage()
  await page.goto(server.baseUrl + '/')
  await page.locator('#hero-title').waitFor()
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN')
  assert.match(await page.locator('.site-header').innerText(), /明镜/)
  await page.screenshot({ path: join(kArtifacts, 'portal.png'), fullPage: true })
  await page.locator('[data-test=portal-items]').click()
  await page.waitForURL(/\/items/)
  await page
    .locator('[data-test=items-table], [data-test=items-building]')
    .first()
    .waitFor()
  await page.screenshot({ path: join(kArtifacts, 'portal-items.png'), fullPage: true })
  await page.setViewportSize({ width: 390, height: 800 })
  await page.goto(server.baseUrl + '/')
  await page.locator('#hero-title').waitFor()
  await page.screenshot({ path: join(kArtifacts, 'portal-phone.png'), fullPage: true })
  await page.close()
})

test('no page broke the content security policy', () => {
  assert.deepEqual(problems, [])
})
