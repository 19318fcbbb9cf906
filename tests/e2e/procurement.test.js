// Browser test of the procurement section. An e-bidding system pushes three signed bids of one
// tender, two of which were uploaded from one computer and paid their bid bonds from one
// account. The supervisor watches the red card arrive in the inbox, reads the tender page with its
// bid chart, evidence and bidder network, and opens the card from its flag. Debian's Chromium is
// driven by playwright-core against a server started for this run (see harness.js).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import {
  buildWeb, demoKey, kRepo, newPerson, signIn, signedFetch, startServer, streamStatus,
} from './harness.js'

const kArtifacts = join(kRepo, 'tests/e2e/artifacts')
const kTenderNumber = `E2E-ZB-${Date.now()}`
const kSharedMac = '00-1A-2B-3C-4D-5E'
const kSharedBond = '6222020200112233'

let server
let browser
// API paths the server lists in its OpenAPI document, to skip the steps of missing endpoints.
let paths = new Set()
let supervisor
// Content-Security-Policy violations and uncaught page errors seen in any page.
const problems = []
// Filled as the tests run: the tender and one of the alerts its flags raised.
const flow = { tenderId: 0, alertId: 0, streaming: false }

// Three bids of one tender in 广安区 (511602). Bids 1 and 2 share a MAC address (written in two
// spellings) and a bond account, and bid 3 shares nothing. The prices make no arithmetic or
// geometric series and are no whole percentage of the control price, so no price rule fires.
function bids() {
  const tender = {
    tender_number: kTenderNumber,
    tender_title: '广安区第三小学教学楼维修工程',
    division_code: '511602',
    buyer_id: '12511602MB0000001X',
    estimate_fen: 150000000,
    // 区财政局 oversees government procurement in the district, so the cards go to it.
    oversight_department_code: '11511301008778220W',
    submitted_at: '2026-12-04T09:30:00+08:00',
  }
  return [
    {
      ...tender,
      bid_id: `${kTenderNumber}-1`,
      bidder_id: '91511602MA6E2E0001',
      bidder_name: '广安甲建设有限公司',
      price_fen: 138123456,
      submission_ip: '198.51.100.11',
      mac_address: kSharedMac,
      bond_account: kSharedBond,
    },
    {
      ...tender,
      bid_id: `${kTenderNumber}-2`,
      bidder_id: '91511602MA6E2E0002',
      bidder_name: '广安乙建筑工程有限公司',
      price_fen: 141234567,
      submission_ip: '198.51.100.12',
      mac_address: kSharedMac.toLowerCase().replaceAll('-', ':'),
      bond_account: kSharedBond,
    },
    {
      ...tender,
      bid_id: `${kTenderNumber}-3`,
      bidder_id: '91511602MA6E2E0003',
      bidder_name: '四川丙路桥有限公司',
      price_fen: 129345678,
      submission_ip: '198.51.100.13',
      mac_address: '00-1A-2B-3C-4D-99',
      bond_account: '6222020200998877',
    },
  ]
}

async function pushBids() {
  const result = await signedFetch(server.baseUrl, demoKey(server.dataDir), 'POST', '/api/v1/exchange/bids', {
    bids: bids(),
  })
  assert.equal(result.status, 200, JSON.stringify(result.body))
  assert.equal(result.body.accepted, 3, JSON.stringify(result.body))
  assert.ok(result.body.new_flags >= 2, 'the pair raised at least two flags: ' + JSON.stringify(result.body))
  flow.tenderId = result.body.bids[0].tender_id
}

function needs(t, path) {
  if (paths.has(path)) return true
  t.skip(`the server has no ${path} yet`)
  return false
}

// Waits for the canvas of the chart inside `selector`. The pause after it only lets ECharts finish
// its first frames before a screenshot, and no check depends on it.
async function chartDrawn(page, selector) {
  await page.locator(`${selector} canvas`).first().waitFor()
  await page.waitForTimeout(800)
}

before(async () => {
  mkdirSync(kArtifacts, { recursive: true })
  if (!process.env.MINGJING_E2E_SKIP_WEB_BUILD) buildWeb()
  server = await startServer()
  const openapi = await (await fetch(server.baseUrl + '/api/v1/openapi.json')).json()
  paths = new Set(Object.keys(openapi.paths))
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  supervisor = await newPerson(browser, problems)
})

after(async () => {
  if (browser) await browser.close()
  if (server) await server.stop()
})

test('shared MAC and bond raise a red card', async (t) => {
  if (!needs(t, '/api/v1/exchange/bids') || !needs(t, '/api/v1/alerts')) return
  await signIn(supervisor, server.baseUrl, 'guangan.supervisor')
  await supervisor.locator('[data-test=nav-alerts]').click()
  flow.streaming = paths.has('/api/v1/stream') && (await streamStatus(supervisor)) === 200
  if (flow.streaming) {
    await supervisor.locator('[data-test=live-status]', { hasText: '实时更新中' }).waitFor()
  } else {
    t.diagnostic('/api/v1/stream is not served, so the inbox is reloaded')
  }

  await pushBids()
  const rows = supervisor.locator('[data-test=alerts-table] .el-table__row', { hasText: kTenderNumber })
  try {
    await rows.first().waitFor({ timeout: flow.streaming ? 20000 : 1 })
  } catch {
    await supervisor.reload()
    await rows.first().waitFor()
  }
  const texts = await rows.allInnerTexts()
  assert.ok(texts.length >= 2, `two cards for the tender, one per shared trace; got ${texts.length}`)
  for (const text of texts) assert.match(text, /红牌/, 'each card of the pair is red: ' + text)
  const link = rows.first().locator('a[data-test^=alert-link-]')
  flow.alertId = Number((await link.getAttribute('data-test')).replace('alert-link-', ''))
  await supervisor.screenshot({ path: join(kArtifacts, 'procurement-inbox.png'), fullPage: true })
})

test('tender list finds the tender', async (t) => {
  if (!flow.tenderId) {
    t.skip('no tender was pushed in the previous test')
    return
  }
  if (!needs(t, '/api/v1/procurement/tenders')) return
  await supervisor.locator('[data-test=nav-procurement]').click()
  const row = supervisor.locator('[data-test=tenders-table] .el-table__row', { hasText: kTenderNumber })
  await row.waitFor()
  assert.match(await row.innerText(), /红牌\s*2/)
  assert.match(await row.innerText(), /1500000\.00/)

  await supervisor.locator('#tenders-search').fill(kTenderNumber.toLowerCase())
  await supervisor.locator('[data-test=tenders-search-button]').click()
  await supervisor.waitForURL((url) => url.searchParams.get('q') === kTenderNumber.toLowerCase())
  await row.waitFor()
  assert.equal(await supervisor.locator('[data-test=tenders-table] .el-table__row').count(), 1)
  await supervisor.screenshot({ path: join(kArtifacts, 'procurement-tenders.png'), fullPage: true })
})

test('tender page shows chart, evidence and network', async (t) => {
  if (!flow.tenderId) {
    t.skip('no tender was pushed in the first test')
    return
  }
  await supervisor.goto(`${server.baseUrl}/console/procurement/tenders/${flow.tenderId}`)
  await supervisor.locator('[data-test=tender-number]', { hasText: kTenderNumber }).waitFor()
  await chartDrawn(supervisor, '[data-test=bid-chart]')
  await chartDrawn(supervisor, '[data-test=network-chart]')

  const flags = await supervisor.locator('[data-test=tender-flags]').innerText()
  assert.match(flags, /MAC 地址/)
  assert.match(flags, /00:1A:2B:3C:4D:5E/)
  assert.match(flags, /保证金账户/)
  assert.doesNotMatch(flags, new RegExp(kSharedBond), 'the bond account is masked')
  assert.match(flags, /广安甲建设有限公司/)
  assert.match(flags, /广安乙建筑工程有限公司/)
  assert.doesNotMatch(flags, /四川丙路桥有限公司/, 'the clean bid is named in no flag')

  const links = await supervisor.locator('[data-test=network-links]').innerText()
  assert.match(links, /广安甲建设有限公司 — 广安乙建筑工程有限公司/)
  assert.match(await supervisor.locator('[data-test=screen-KURT]').innerText(), /投标不足/)
  assert.match(await supervisor.locator('[data-test=screen-CV]').innerText(), /\d/)

  await supervisor.screenshot({ path: join(kArtifacts, 'procurement-tender.png'), fullPage: true })
  await supervisor.locator('[data-test=tender-network]').screenshot({ path: join(kArtifacts, 'procurement-network.png') })

  await supervisor.locator('[data-test=lang-switch]').click()
  await supervisor.waitForFunction(() => document.documentElement.lang === 'en')
  assert.match(await supervisor.locator('[data-test=tender-network]').innerText(), /Bidder network/)
  assert.match(await supervisor.locator('[data-test=tender-flags]').innerText(), /Same uploading computer \(MAC address\)/)
  await supervisor.screenshot({ path: join(kArtifacts, 'procurement-tender-en.png'), fullPage: true })
  await supervisor.locator('[data-test=lang-switch]').click()
  await supervisor.waitForFunction(() => document.documentElement.lang === 'zh-CN')

  await supervisor.setViewportSize({ width: 390, height: 844 })
  await supervisor.waitForTimeout(500)
  await supervisor.screenshot({ path: join(kArtifacts, 'procurement-tender-phone.png'), fullPage: true })
  await supervisor.setViewportSize({ width: 1280, height: 900 })
})

test('supervisor orders rectification from the flag', async (t) => {
  if (!flow.alertId) {
    t.skip('no alert was raised in the first test')
    return
  }
  await supervisor.locator(`[data-test=flag-alert-${flow.alertId}]`).click()
  await supervisor.waitForURL(`${server.baseUrl}/console/alerts/${flow.alertId}`)
  await supervisor.locator('[data-test=alert-state]', { hasText: '已发出' }).waitFor()
  const evidence = await supervisor.locator('[data-test=flag-evidence]').innerText()
  assert.match(evidence, /广安甲建设有限公司/)
  assert.match(evidence, /广安乙建筑工程有限公司/)
  assert.equal(await supervisor.locator('[data-test=alert-tender-link]').innerText(), kTenderNumber)

  await supervisor.locator('[data-test=action-order]').click()
  await supervisor.locator('#step-text').fill('两家投标人标书上传电脑和保证金账户相同，请招标人暂停定标并核查。')
  await supervisor.locator('[data-test=step-submit]').click()
  await supervisor.locator('[data-test=alert-state]', { hasText: '已督办' }).waitFor()
  assert.match(await supervisor.locator('[data-test=alert-actions]').innerText(), /督办/)
  await supervisor.screenshot({ path: join(kArtifacts, 'procurement-alert.png'), fullPage: true })
})

test('oversight department rectifies and the supervisor closes the card', async (t) => {
  if (!flow.alertId) {
    t.skip('no alert was raised in the first test')
    return
  }
  const alertUrl = `${server.baseUrl}/console/alerts/${flow.alertId}`
  const staff = await newPerson(browser, problems)
  await signIn(staff, server.baseUrl, 'caizheng.staff')
  await staff.goto(alertUrl)
  await staff.locator('[data-test=alert-state]', { hasText: '已督办' }).waitFor()
  await staff.locator('[data-test=action-start]').click()
  await staff.locator('[data-test=step-submit]').click()
  await staff.locator('[data-test=alert-state]', { hasText: '整改中' }).waitFor()
  await staff.locator('[data-test=action-report]').click()
  await staff.locator('#step-text').fill('已暂停定标，两家投标人的投标按串通投标移交处理。')
  await staff.locator('[data-test=step-submit]').click()
  await staff.locator('[data-test=alert-state]', { hasText: '已报告' }).waitFor()

  await supervisor.goto(alertUrl)
  await supervisor.locator('[data-test=alert-state]', { hasText: '已报告' }).waitFor()
  await supervisor.locator('[data-test=action-confirm]').click()
  await supervisor.locator('#step-text').fill('处理到位，予以摘牌。')
  await supervisor.locator('[data-test=step-submit]').click()
  await supervisor.locator('[data-test=alert-state]', { hasText: '已摘牌' }).waitFor()
  const history = await supervisor.locator('[data-test=alert-actions]').innerText()
  for (const step of ['督办', '开始整改', '报告整改结果', '确认摘牌']) assert.match(history, new RegExp(step))
  await staff.context().close()
})

test('no page broke the content security policy', () => {
  assert.deepEqual(problems, [])
})
