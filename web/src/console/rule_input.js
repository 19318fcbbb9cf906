// Checks of what an administrator types on the rule pages, before it is sent. The server
// validates the same again against each rule's setting specs.

// Parses settings text into an object. Returns {value} or {error} with the parser's message. An
// empty text is an empty object only when `emptyIsNull` is false, else null (no settings).
export function parseSettings(text, { emptyIsNull = false } = {}) {
  if (text.trim() === '') return { value: emptyIsNull ? null : {} }
  let value
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { error: error.message }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: 'not an object' }
  }
  return { value }
}

// A message template must not be empty, must fit in 1,000 bytes of UTF-8, and must close every
// {placeholder} it opens.
export function templateProblem(text) {
  if (text.trim() === '') return 'empty'
  if (new TextEncoder().encode(text).length > 1000) return 'tooLong'
  let depth = 0
  for (const char of text) {
    if (char === '{') depth += 1
    if (char === '}') depth -= 1
    if (depth < 0 || depth > 1) return 'braces'
  }
  return depth === 0 ? '' : 'braces'
}
