import { markRaw } from 'vue'
import { defineStore } from 'pinia'

// The live feed of alert notices (GET /api/v1/stream, event "alert" carrying an AlertSummary plus
// `event`, e.g. "issued" or "action:order"). Pages call start() and react to `latest` and
// `received`. EventSource reconnects by itself and sends Last-Event-ID, so the server replays
// what was missed.
export const useAlertStream = defineStore('alertStream', {
  state: () => ({
    status: 'closed', // closed, connecting, open
    latest: null,
    received: 0,
    source: null,
  }),
  actions: {
    start() {
      if (this.source || typeof EventSource === 'undefined') return
      this.status = 'connecting'
      const source = new EventSource('/api/v1/stream', { withCredentials: true })
      source.addEventListener('open', () => {
        this.status = 'open'
      })
      source.addEventListener('error', () => {
        // CLOSED means the browser gave up (for example after a 401). CONNECTING means it retries.
        this.status = source.readyState === 2 ? 'closed' : 'connecting'
        if (source.readyState === 2) this.source = null
      })
      source.addEventListener('alert', (message) => this.receive(message.data))
      this.source = markRaw(source)
    },
    receive(data) {
      let alert
      try {
        alert = JSON.parse(data)
      } catch {
        return
      }
      if (!alert || typeof alert.id !== 'number') return
      this.latest = alert
      this.received += 1
    },
    stop() {
      if (this.source) this.source.close()
      this.source = null
      this.status = 'closed'
    },
  },
})
