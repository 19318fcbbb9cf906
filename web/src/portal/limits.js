// Formats a time limit {unit, amount} from the catalogue API with the portal's messages.
export function limitText(t, limit) {
  if (!limit || !limit.unit) return t('portal.noLimit')
  if (limit.unit === 'immediate') return t('portal.units.immediate')
  const key = 'portal.units.' + limit.unit
  return t(key, { n: limit.amount })
}
