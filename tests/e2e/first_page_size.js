// Measures what the first page of the portal and of the console costs a browser in Chromium,
// against a server started on loopback. It reports the JavaScript transferred (as the server
// compresses it) and decoded, and the time to the first contentful paint. Run it after
// `npm run build` in web/:
//   node first_page_size.js
// It prints one Markdown table row per page for docs/benchmarks.md.
import { chromium } from 'playwright-core'
import { startServer } from './harness.js'

const kPages = [
  ['portal `/`', '/', '#hero-title'],
  ['portal item page', '/items', '[data-test=items-table]'],
  ['console `/console/login`', '/console/login', '#login-username'],
]

function kilobytes(bytes) {
  return (bytes / 1000).toFixed(1) + ' kB'
}

const server = await startServer()
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
})
try {
  console.log('| page | JS files | JavaScript | transferred | first contentful paint |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  for (const [label, path, ready] of kPages) {
    // A new context each time, so nothing comes from the cache.
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(server.baseUrl + path)
    await page.locator(ready).first().waitFor()
    const figures = await page.evaluate(() => {
      const scripts = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js'))
      const paint = performance.getEntriesByName('first-contentful-paint')[0]
      return {
        files: scripts.length,
        decoded: scripts.reduce((sum, e) => sum + e.decodedBodySize, 0),
        encoded: scripts.reduce((sum, e) => sum + e.encodedBodySize, 0),
        paintMs: paint ? paint.startTime : null,
      }
    })
    const paint = figures.paintMs === null ? '—' : Math.round(figures.paintMs) + ' ms'
    console.log(
      `| ${label} | ${figures.files} | ${kilobytes(figures.decoded)} | ${kilobytes(figures.encoded)} | ${paint} |`,
    )
    await context.close()
  }
} finally {
  await browser.close()
  await server.stop()
}
