// Item types (topics) of the catalogue API, in the order the portal lists them.
export const kItemTypes = ['licensing', 'penalty', 'confirmation', 'payment', 'public_service', 'other']
