// Names of the supervision contract that the alert pages use: levels, states, handling actions
// and rule codes, each translated under alerts.* in the locale files.

export const kLevels = ['warning', 'yellow', 'red']

export const kStates = [
  'pending',
  'issued',
  'responded',
  'appealed',
  'returned',
  'ordered',
  'rectifying',
  'reported',
  'closed',
  'revoked',
]

// Actions in the order the alert page offers them. The server sends which of them the caller
// may take on one alert (allowed_actions), so this list only orders and names them.
export const kActions = [
  'confirm_issue',
  'respond',
  'appeal',
  'inquire',
  'order',
  'start',
  'rectify',
  'report',
  'confirm',
  'send_back',
  'close',
  'revoke',
]

// Actions that may be taken on many alerts at once, by who usually takes them. The server takes
// inquire and rectify on one alert at a time: they leave the state as it was.
export const kBulkActions = {
  supervisor: ['confirm_issue', 'revoke', 'close', 'confirm', 'send_back', 'order'],
  department: ['respond', 'start', 'report'],
}

// Every action but these needs a text of at least kMinTextChars characters.
export const kTextOptional = new Set(['start', 'confirm_issue'])
export const kMinTextChars = 2

// Actions that set a deadline in working days, with the server's default.
export const kDeadlineDays = { order: 20, inquire: 5 }
export const kMaxDeadlineDays = 120

export const kMaxAttachments = 5
export const kMaxAttachmentBytes = 5 * 1024 * 1024

export const kRuleCodes = [
  'time.warning',
  'time.promised',
  'time.statutory',
  'step.warning',
  'step.promised',
  'procedure.skipped_step',
  'procedure.out_of_order',
  'procedure.before_application',
  'procedure.completed_without_acceptance',
  'procedure.contradicting_decision',
  'fee.free_item',
  'fee.above_standard',
  'fee.receipt_missing',
  'fee.receipt_duplicate',
  'correction.repeated',
  'correction.no_materials',
  'return.repeated',
  'refusal.short_reason',
  'dormancy.untouched',
  'dormancy.late_entry',
  'tamper.after_completion',
  'tamper.resend',
  'trend.volume',
  'trend.overdue_rate',
  'trend.warning_rate',
  'order.not_started',
  'order.not_closed',
]

// Open alerts are those still waiting for someone: every state but closed and revoked.
export function isOpen(state) {
  return state !== 'closed' && state !== 'revoked'
}

// The alert's message in the interface language, falling back to Chinese.
export function alertMessage(alert, locale) {
  if (locale === 'en' && alert.message_en) return alert.message_en
  return alert.message_zh || alert.subject
}

// Checks a handling step before it is sent and returns the locale key of the first problem, or
// '' when the step can be sent.
export function stepProblem(action, text, files) {
  if (!kTextOptional.has(action) && [...text.trim()].length < kMinTextChars) return 'alerts.textRequired'
  if (files.length > kMaxAttachments) return 'alerts.tooManyFiles'
  if (files.some((f) => f.size > kMaxAttachmentBytes)) return 'alerts.fileTooLarge'
  return ''
}

// Reads a File into the attachment form of the API: {file_name, content_type, content_base64}.
export function attachmentOf(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve({
        file_name: file.name,
        content_type: file.type || 'application/octet-stream',
        content_base64: url.slice(url.indexOf(',') + 1),
      })
    }
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}
