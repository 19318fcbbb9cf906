// Names and readers of the procurement API for the console's procurement pages: price screens,
// the bid fields that collusion rules compare, and the evidence of a flag. Every reader accepts
// missing or added members, because the server adds fields to these bodies over time.

// Price screens in the order the tender page lists them, with the fewest bids that define each.
// The server sends null for a screen with too few bids or a zero denominator.
export const kScreens = [
  { code: 'CV', minBids: 2 },
  { code: 'SPD', minBids: 2 },
  { code: 'DIFFP', minBids: 2 },
  { code: 'RD', minBids: 3 },
  { code: 'RDNOR', minBids: 3 },
  { code: 'RDALT', minBids: 3 },
  { code: 'SKEW', minBids: 3 },
  { code: 'KURT', minBids: 4 },
  { code: 'KS', minBids: 3 },
]

// Evidence members that the flag view shows in its own way, so the list of other facts skips them.
const kShownEvidenceKeys = new Set(['field', 'value', 'bids', 'person', 'tender_id', 'tender_number'])

// Returns the locale key of a bid field for messages, where a key may not contain '.', '+' or '/'.
export function fieldKey(field) {
  return 'procurement.fields.' + String(field).replace(/[.+/]/g, '_')
}

// Returns the field's name in the interface language, or the field itself when it has none.
export function fieldName(t, te, field) {
  const key = fieldKey(field)
  return te(key) ? t(key) : String(field)
}

// Returns the rule's name for a rule code such as "procurement.shared_mac_address": first the
// rule catalogue's name, then this section's own, else the code.
export function procurementRuleName(t, te, code) {
  const text = String(code || '')
  if (te('rules.names.' + text)) return t('rules.names.' + text)
  const rule = text.startsWith('procurement.') ? text.slice('procurement.'.length) : text
  if (te('procurement.rules.' + rule)) return t('procurement.rules.' + rule)
  return text
}

export function isProcurementRule(code) {
  return typeof code === 'string' && code.startsWith('procurement.')
}

// Flag counts of a tender summary as {warning, yellow, red}, zero where the server sends none.
export function flagCounts(tender) {
  const flags = (tender && tender.flags) || {}
  return {
    warning: Number(flags.warning) || 0,
    yellow: Number(flags.yellow) || 0,
    red: Number(flags.red) || 0,
  }
}

// Reads a flag's evidence object into the parts the console shows:
// {field, value, bids: [{bid_id, bidder_id, bidder_name, price_fen, tender_number}], person,
// facts: [[key, text]], tenderId, tenderNumber}. Unknown members end up in `facts`.
export function readEvidence(evidence) {
  const source = evidence && typeof evidence === 'object' && !Array.isArray(evidence) ? evidence : {}
  const bids = Array.isArray(source.bids) ? source.bids.filter((b) => b && typeof b === 'object') : []
  const facts = Object.entries(source)
    .filter(([key]) => !kShownEvidenceKeys.has(key))
    .map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)])
  return {
    field: typeof source.field === 'string' ? source.field : '',
    value: source.value === undefined || source.value === null ? '' : String(source.value),
    bids,
    person: source.person && typeof source.person === 'object' ? source.person : null,
    facts,
    tenderId: Number(source.tender_id) || 0,
    tenderNumber: typeof source.tender_number === 'string' ? source.tender_number : '',
  }
}

// Maps each bid of this tender named in a flag's evidence to the highest level of those flags. A
// flag that names no bids (such as a price cluster over the whole tender) marks none, and a bid
// of another tender (named with its tender_number) is left out.
export function flaggedBidIds(flags) {
  const marked = new Map()
  const rank = { warning: 1, yellow: 2, red: 3 }
  for (const flag of flags || []) {
    for (const bid of readEvidence(flag.evidence).bids) {
      if (!bid.bid_id || bid.tender_number) continue
      const previous = marked.get(bid.bid_id)
      if (!previous || rank[flag.level] > rank[previous]) marked.set(bid.bid_id, flag.level)
    }
  }
  return marked
}

// Formats a screen value for the table: four significant digits, because the screens are
// dimensionless.
export function screenText(value) {
  if (value === null || value === undefined || !Number.isFinite(Number(value))) return ''
  return Number(Number(value).toPrecision(4)).toString()
}
