// Starts what the browser tests drive: the built web assets, and a `mingjing serve` on a free
// loopback port with a fresh SQLite database seeded with the demo city.
import { spawn, spawnSync } from 'node:child_process'
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const kRepo = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const kDemoPassword = 'E2e-demo-password-2026'

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options })
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`)
  }
}

// The server binary: $MINGJING_BIN, else the release build, which is built when missing.
export function serverBinary() {
  if (process.env.MINGJING_BIN) return process.env.MINGJING_BIN
  const release = join(kRepo, 'build/release/src/app/mingjing')
  if (!existsSync(release)) {
    run('cmake', ['--preset', 'release'], { cwd: kRepo })
    run('cmake', ['--build', '--preset', 'release', '--target', 'mingjing'], { cwd: kRepo })
  }
  return release
}

export function buildWeb() {
  run('npm', ['run', 'build'], { cwd: join(kRepo, 'web') })
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolvePort(port))
    })
  })
}

async function waitForHealth(baseUrl, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mingjing serve exited with ${child.exitCode}`)
    try {
      const response = await fetch(baseUrl + '/console/')
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`mingjing serve did not answer on ${baseUrl} within ${timeoutMs} ms`)
}

// Migrates and seeds a fresh database in a temporary folder and serves it with web/dist.
// Returns {baseUrl, stop()}, where stop() ends the server and deletes the folder.
export async function startServer() {
  const binary = serverBinary()
  const folder = mkdtempSync(join(tmpdir(), 'mingjing-e2e-'))
  const database = 'sqlite:' + join(folder, 'mingjing.db')

  // The seed reads the demo city's files from data/demo relative to the repository.
  const quiet = { cwd: kRepo, stdio: ['ignore', 'ignore', 'inherit'] }
  run(binary, ['migrate', '--database', database, '--data-dir', folder], quiet)
  run(
    binary,
    ['seed', 'demo', '--database', database, '--data-dir', folder, '--password', kDemoPassword],
    quiet,
  )

  // MINGJING_E2E_PORT pins the port, for machines where each user owns a range of ports.
  const port = process.env.MINGJING_E2E_PORT ? Number(process.env.MINGJING_E2E_PORT) : await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const child = spawn(
    binary,
    [
      'serve',
      '--database',
      database,
      '--data-dir',
      folder,
      '--web-root',
      join(kRepo, 'web/dist'),
      '--listen',
      `127.0.0.1:${port}`,
    ],
    { cwd: kRepo, stdio: ['ignore', 'ignore', 'pipe'] },
  )

  // The access log goes to stderr. Keep its last 20 kB to show if the server fails to start,
  // without flooding the test output on a good run.
  let log = ''
  child.stderr.on('data', (chunk) => {
    log = (log + chunk.toString()).slice(-20000)
  })
  try {
    await waitForHealth(baseUrl, child, 20000)
  } catch (error) {
    child.kill('SIGTERM')
    process.stderr.write(log)
    throw error
  }

  return {
    baseUrl,
    dataDir: folder,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(folder, { recursive: true, force: true })
    },
  }
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = 0
  let value = 0
  const out = []
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(char)
    if (index < 0) throw new Error(`invalid Base32 character '${char}'`)
    value = (value << 5) | index
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

// Computes the RFC 6238 code (HMAC-SHA1, 30 s step, 6 digits) of a Base32 secret.
export function totpCode(secret, nowMs = Date.now()) {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(nowMs / 1000 / 30)))
  const digest = createHmac('sha1', base32Decode(secret)).update(counter).digest()
  const offset = digest[digest.length - 1] & 0x0f
  const binary = digest.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 1_000_000).padStart(6, '0')
}

// Reads the demo business system's key from the credentials file that `seed demo` writes.
export function demoKey(dataDir) {
  const text = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8')
  const value = (name) => {
    const line = text.split('\n').find((l) => l.startsWith(name + '='))
    if (!line) throw new Error(`demo-credentials.txt has no ${name}`)
    return line.slice(name.length + 1)
  }
  return { id: value('api_key_id'), secret: value('api_key_secret') }
}

// Sends a request signed as a business system: HMAC-SM3 over the method, the path with its
// query, the Unix timestamp, a fresh nonce and the SM3 of the body, with the signing key derived
// from the secret (docs/api.md, "Business systems: signed requests").
export async function signedFetch(baseUrl, key, method, path, body) {
  const text = body === undefined ? '' : JSON.stringify(body)
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = randomBytes(16).toString('hex')
  const bodyHash = createHash('sm3').update(text).digest('hex')
  const canonical = [method, path, timestamp, nonce, bodyHash].join('\n')
  const signingKey = createHmac('sm3', key.secret).update('mingjing-request-signing-v1').digest()
  const signature = createHmac('sm3', signingKey).update(canonical).digest('hex')
  const response = await fetch(baseUrl + path, {
    method,
    headers: {
      'Content-Type': 'application/json',
      'X-Mingjing-Key': key.id,
      'X-Mingjing-Timestamp': timestamp,
      'X-Mingjing-Nonce': nonce,
      'X-Mingjing-Signature': signature,
    },
    body: body === undefined ? undefined : text,
  })
  return { status: response.status, body: await response.json().catch(() => null) }
}


// Opens a browser context for one person, so each keeps their own session cookie. Content
// security policy violations and uncaught page errors are added to `problems`.
export async function newPerson(browser, problems) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
  const page = await context.newPage()
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push('page error: ' + error.message + ' ' + error.stack))
  return page
}

// Signs in to the console with the demo password and passes TOTP enrolment when the account's
// role requires it.
export async function signIn(page, baseUrl, username) {
  await page.goto(baseUrl + '/console/login')
  await page.locator('#login-username').fill(username)
  await page.locator('#login-password').fill(kDemoPassword)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL((url) => url.pathname === '/console/' || url.pathname === '/console/totp/enrol')
  if (new URL(page.url()).pathname === '/console/totp/enrol') {
    const secretElement = page.locator('[data-test=totp-secret]')
    await secretElement.waitFor()
    const secret = new URL(await secretElement.getAttribute('data-uri')).searchParams.get('secret')
    await page.locator('#totp-code').fill(totpCode(secret))
    await page.getByRole('button', { name: '确认绑定' }).click()
    await page.waitForURL(baseUrl + '/console/')
  }
}

// Returns the status of GET /api/v1/stream for the page's session. A working stream never ends,
// so the request is cancelled once its headers arrive.
export function streamStatus(page) {
  return page.evaluate(async () => {
    const controller = new AbortController()
    const response = await fetch('/api/v1/stream', { signal: controller.signal })
    controller.abort()
    return response.status
  })
}
