// Colours of the alert levels in charts, the same as the level tags: amber warnings, yellow
// cards, red cards.
export const kLevelColors = { warning: '#d08c00', yellow: '#f5c400', red: '#b42318' }
