// Tenders as the procurement API returns them, for the component tests: two bidders share a
// MAC address and a bond account, and a third bids clean.

export function tenderSummary(overrides = {}) {
  return {
    id: 4,
    sender_system: 'ebid-01',
    tender_number: 'GA-ZB-2026-017',
    title: '广安区第三小学教学楼维修',
    division_code: '511602',
    buyer_id: '12511600MB0000001X',
    estimate_fen: 100000000,
    bid_count: 3,
    flags: { warning: 0, yellow: 0, red: 2 },
    created_at: '2026-12-04T09:00:00+08:00',
    ...overrides,
  }
}

function bid(bidId, bidderId, bidderName, priceFen, extra = {}) {
  return {
    bid_id: bidId,
    bidder_id: bidderId,
    bidder_name: bidderName,
    price_fen: priceFen,
    submitted_at: '2026-12-04T08:30:00+08:00',
    submission_ip: '10.1.2.3',
    mac_address: '',
    bond_account: '',
    staff: [],
    has_document: false,
    received_at: '2026-12-04T09:00:00+08:00',
    ...extra,
  }
}

const kPair = [
  { bid_id: 'b1', bidder_id: '91511600MA0000001A', bidder_name: '甲建设公司' },
  { bid_id: 'b2', bidder_id: '91511600MA0000002B', bidder_name: '乙建设公司' },
]

export function tenderDetail(overrides = {}) {
  return {
    ...tenderSummary(),
    bids: [
      bid('b1', kPair[0].bidder_id, kPair[0].bidder_name, 95000000, { mac_address: 'AA:BB:CC:DD:EE:01' }),
      bid('b2', kPair[1].bidder_id, kPair[1].bidder_name, 96000000, { mac_address: 'AA:BB:CC:DD:EE:01' }),
      bid('b3', '91511600MA0000003C', '丙建设公司', 91000000),
    ],
    screens: {
      bid_count: 3,
      CV: 0.02883,
      SPD: 0.0549,
      DIFFP: 0.04396,
      RD: 5.657,
      RDNOR: 1.6,
      RDALT: 0.8,
      SKEW: -1.29,
      KURT: null,
      KS: 0.31,
    },
    flag_items: [
      {
        id: 11,
        rule_code: 'procurement.shared_mac_address',
        level: 'red',
        subject: 'mac_address:b1,b2',
        evidence: { field: 'mac_address', value: 'AA:BB:CC:DD:EE:01', bids: kPair },
        alert_id: 31,
        detected_at: '2026-12-04T09:00:01+08:00',
      },
      {
        id: 12,
        rule_code: 'procurement.shared_bond_account',
        level: 'red',
        subject: 'bond_account:b1,b2',
        evidence: { field: 'bond_account', value: '****6789', bids: kPair },
        alert_id: 32,
        detected_at: '2026-12-04T09:00:01+08:00',
      },
    ],
    ...overrides,
  }
}

export function tenderNetwork() {
  return {
    tender_id: 4,
    nodes: [
      { bidder_id: kPair[0].bidder_id, bidder_name: kPair[0].bidder_name, bid_ids: ['b1'], lowest_price_fen: 95000000 },
      { bidder_id: kPair[1].bidder_id, bidder_name: kPair[1].bidder_name, bid_ids: ['b2'], lowest_price_fen: 96000000 },
      { bidder_id: '91511600MA0000003C', bidder_name: '丙建设公司', bid_ids: ['b3'], lowest_price_fen: 91000000 },
    ],
    edges: [
      { source: kPair[0].bidder_id, target: kPair[1].bidder_id, field: 'bond_account', level: 'red' },
      { source: kPair[0].bidder_id, target: kPair[1].bidder_id, field: 'mac_address', level: 'red' },
    ],
  }
}

// An alert raised by a procurement flag: no case, the tender number in the case number's place.
export function procurementAlertDetail(allowed = []) {
  return {
    alert: {
      id: 31,
      level: 'red',
      state: 'issued',
      handling: '',
      rule_code: 'procurement.shared_mac_address',
      case_id: 0,
      case_number: 'GA-ZB-2026-017',
      item_code: '',
      division_code: '511602',
      department_id: 0,
      department_name: '',
      subject: 'tender:4|mac_address:b1,b2',
      message_zh: '招标项目 GA-ZB-2026-017 的两份标书 MAC 地址相同',
      message_en: 'Two bids of tender GA-ZB-2026-017 share a MAC address',
      detected_at: '2026-12-04T09:00:01+08:00',
      issued_at: '2026-12-04T09:00:01+08:00',
      answer_due_at: null,
      closed_at: null,
      version: 1,
      evidence: {
        field: 'mac_address',
        value: 'AA:BB:CC:DD:EE:01',
        bids: kPair,
        tender_id: 4,
        tender_number: 'GA-ZB-2026-017',
      },
    },
    actions: [],
    allowed_actions: allowed,
    timeline: [],
    tamper_alarms: [],
  }
}
