#include "supervision/alert_store.h"

#include "crypto/encoding.h"
#include "store/row.h"

namespace mingjing::supervision {
namespace {

constexpr const char* kAlertColumns =
    "SELECT a.id, a.dedupe_key, a.rule_code, a.rule_version, a.level, a.state, a.handling, "
    "a.case_id, a.case_number, a.item_code, a.division_code, a.department_id, a.subject, "
    "a.message_zh, a.message_en, a.evidence, a.detected_at, a.issued_at, a.answer_due_at, "
    "a.order_started_at, a.closed_at, a.version, a.updated_at, d.name "
    "FROM alerts a LEFT JOIN departments d ON d.id = a.department_id";

bool IsPostgres(soci::session& session) { return session.get_backend_name() == "postgresql"; }

Alert AlertFromRow(const soci::row& r) {
  Alert a;
  a.id = store::Int64(r, 0);
  a.dedupe_key = store::Text(r, 1);
  a.rule_code = store::Text(r, 2);
  a.rule_version = store::Int64(r, 3);
  a.level = store::Text(r, 4);
  a.state = store::Text(r, 5);
  a.handling = store::Text(r, 6);
  a.case_id = store::Int64(r, 7);
  a.case_number = store::Text(r, 8);
  a.item_code = store::Text(r, 9);
  a.division_code = store::Text(r, 10);
  a.department_id = store::Int64(r, 11);
  a.subject = store::Text(r, 12);
  a.message_zh = store::Text(r, 13);
  a.message_en = store::Text(r, 14);
  a.evidence = store::Text(r, 15);
  a.detected_at = store::Int64(r, 16);
  a.issued_at = store::Int64(r, 17);
  a.answer_due_at = store::Int64(r, 18);
  a.order_started_at = store::Int64(r, 19);
  a.closed_at = store::Int64(r, 20);
  a.version = store::Int64(r, 21);
  a.updated_at = store::Int64(r, 22);
  a.department_name = store::Text(r, 23);
  return a;
}

std::optional<Alert> FindAlertWith(soci::session& session, int64_t id, const char* suffix) {
  long long key = id;
  soci::rowset<soci::row> rows =
      (session.prepare << std::string(kAlertColumns) + " WHERE a.id = :id" + suffix,
       soci::use(key));
  for (const soci::row& r : rows) return AlertFromRow(r);
  return std::nullopt;
}

}  // namespace

bool IsFinalState(std::string_view state) {
  return state == kStateClosed || state == kStateRevoked;
}

std::optional<int64_t> InsertAlertIfNew(soci::session& session, const Alert& a) {
  // A NULL case_id keeps the foreign key satisfied for alerts without a case.
  soci::indicator case_indicator = a.case_id == 0 ? soci::i_null : soci::i_ok;
  soci::indicator department_indicator = a.department_id == 0 ? soci::i_null : soci::i_ok;
  long long case_id = a.case_id;
  long long department_id = a.department_id;
  long long rule_version = a.rule_version;
  long long detected_at = a.detected_at;
  long long issued_at = a.issued_at;
  long long updated_at = a.updated_at;
  long long id = 0;
  soci::indicator id_indicator = soci::i_null;
  session << "INSERT INTO alerts (dedupe_key, rule_code, rule_version, level, state, handling, "
             "case_id, case_number, item_code, division_code, department_id, subject, "
             "message_zh, message_en, evidence, detected_at, issued_at, updated_at) "
             "VALUES (:k, :r, :rv, :l, :s, :h, :c, :cn, :i, :d, :dep, :sub, :mz, :me, :e, :dt, "
             ":it, :u) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
      soci::use(a.dedupe_key), soci::use(a.rule_code), soci::use(rule_version), soci::use(a.level),
      soci::use(a.state), soci::use(a.handling), soci::use(case_id, case_indicator),
      soci::use(a.case_number), soci::use(a.item_code), soci::use(a.division_code),
      soci::use(department_id, department_indicator), soci::use(a.subject), soci::use(a.message_zh),
      soci::use(a.message_en), soci::use(a.evidence), soci::use(detected_at), soci::use(issued_at),
      soci::use(updated_at), soci::into(id, id_indicator);
  if (!session.got_data() || id_indicator != soci::i_ok) return std::nullopt;
  return id;
}

std::optional<Alert> FindAlert(soci::session& session, int64_t id) {
  return FindAlertWith(session, id, "");
}

std::optional<Alert> FindAlertForUpdate(soci::session& session, int64_t id) {
  // FOR UPDATE may not lock the nullable side of an outer join, so name the alerts row.
  return FindAlertWith(session, id, IsPostgres(session) ? " FOR UPDATE OF a" : "");
}

bool UpdateAlertState(soci::session& session, const Alert& a) {
  long long id = a.id;
  long long version = a.version;
  long long issued_at = a.issued_at;
  long long answer_due_at = a.answer_due_at;
  long long order_started_at = a.order_started_at;
  long long closed_at = a.closed_at;
  long long updated_at = a.updated_at;
  soci::statement st =
      (session.prepare << "UPDATE alerts SET state = :s, handling = :h, issued_at = :i, "
                          "answer_due_at = :a, order_started_at = :o, closed_at = :c, "
                          "updated_at = :u, version = version + 1 WHERE id = :id AND version = :v",
       soci::use(a.state), soci::use(a.handling), soci::use(issued_at), soci::use(answer_due_at),
       soci::use(order_started_at), soci::use(closed_at), soci::use(updated_at), soci::use(id),
       soci::use(version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

AlertPage ListAlerts(soci::session& session, const AlertFilter& f) {
  // Every filter is bound; an empty one matches every row through the `= ''` / `= 0` arm.
  std::string where =
      " WHERE (:dp = '' OR a.division_code LIKE :dpl) AND (:dep = 0 OR a.department_id = :dep2)"
      " AND (:l = '' OR a.level = :l2) AND (:s = '' OR a.state = :s2)"
      " AND (:r = '' OR a.rule_code = :r2) AND (:cn = '' OR a.case_number = :cn2)"
      " AND (:open = 0 OR a.state NOT IN ('closed', 'revoked'))"
      " AND (:iss = 0 OR a.issued_at <> 0)"
      " AND (:from = 0 OR a.detected_at >= :from2) AND (:to = 0 OR a.detected_at < :to2)";
  std::string prefix_like = f.division_prefix + "%";
  long long department_id = f.department_id;
  int open = f.open_only ? 1 : 0;
  int issued = f.issued_only ? 1 : 0;
  long long from = f.detected_from;
  long long to = f.detected_to;
  long long limit = f.limit;
  long long offset = f.offset;

  AlertPage page;
  long long total = 0;
  session << "SELECT count(*) FROM alerts a" + where, soci::use(f.division_prefix),
      soci::use(prefix_like), soci::use(department_id), soci::use(department_id),
      soci::use(f.level), soci::use(f.level), soci::use(f.state), soci::use(f.state),
      soci::use(f.rule_code), soci::use(f.rule_code), soci::use(f.case_number),
      soci::use(f.case_number), soci::use(open), soci::use(issued), soci::use(from),
      soci::use(from), soci::use(to), soci::use(to), soci::into(total);
  page.total = total;

  soci::rowset<soci::row> rows =
      (session.prepare << std::string(kAlertColumns) + where +
                              " ORDER BY a.detected_at DESC, a.id DESC LIMIT :lim OFFSET :off",
       soci::use(f.division_prefix), soci::use(prefix_like), soci::use(department_id),
       soci::use(department_id), soci::use(f.level), soci::use(f.level), soci::use(f.state),
       soci::use(f.state), soci::use(f.rule_code), soci::use(f.rule_code), soci::use(f.case_number),
       soci::use(f.case_number), soci::use(open), soci::use(issued), soci::use(from),
       soci::use(from), soci::use(to), soci::use(to), soci::use(limit), soci::use(offset));
  for (const soci::row& r : rows) page.items.push_back(AlertFromRow(r));
  return page;
}

int64_t InsertAction(soci::session& session, const AlertAction& a) {
  long long alert_id = a.alert_id;
  long long created_at = a.created_at;
  long long id = 0;
  session << "INSERT INTO alert_actions (alert_id, action, from_state, to_state, actor, "
             "actor_role, text, created_at) VALUES (:a, :ac, :f, :t, :u, :r, :x, :c) RETURNING id",
      soci::use(alert_id), soci::use(a.action), soci::use(a.from_state), soci::use(a.to_state),
      soci::use(a.actor), soci::use(a.actor_role), soci::use(a.text), soci::use(created_at),
      soci::into(id);
  return id;
}

// NOTE: Attachment bytes are bound through SOCI as text, and text parameters cannot carry NUL
// bytes to libpq, so the bytes travel as Base64. PostgreSQL decodes them and stores the real
// bytes. SQLite stores the Base64 text itself in the BLOB column.
int64_t InsertAttachment(soci::session& session, const AttachmentInfo& info,
                         const std::string& content) {
  std::string encoded = crypto::Base64Encode(content);
  std::string value = IsPostgres(session) ? "decode(:b, 'base64')" : ":b";
  long long action_id = info.action_id;
  long long size = info.size_bytes;
  long long id = 0;
  session << "INSERT INTO alert_attachments (action_id, file_name, content_type, size_bytes, sm3, "
             "content) VALUES (:a, :f, :t, :s, :h, " +
                 value + ") RETURNING id",
      soci::use(action_id), soci::use(info.file_name), soci::use(info.content_type),
      soci::use(size), soci::use(info.sm3), soci::use(encoded), soci::into(id);
  return id;
}

std::vector<AlertAction> ListActions(soci::session& session, int64_t alert_id) {
  long long key = alert_id;
  std::vector<AlertAction> out;
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT id, alert_id, action, from_state, to_state, actor, actor_role, "
                          "text, created_at FROM alert_actions WHERE alert_id = :a ORDER BY id",
       soci::use(key));
  for (const soci::row& r : rows) {
    out.push_back(AlertAction{.id = store::Int64(r, 0),
                              .alert_id = store::Int64(r, 1),
                              .action = store::Text(r, 2),
                              .from_state = store::Text(r, 3),
                              .to_state = store::Text(r, 4),
                              .actor = store::Text(r, 5),
                              .actor_role = store::Text(r, 6),
                              .text = store::Text(r, 7),
                              .created_at = store::Int64(r, 8)});
  }

  soci::rowset<soci::row> files =
      (session.prepare << "SELECT f.id, f.action_id, f.file_name, f.content_type, f.size_bytes, "
                          "f.sm3 FROM alert_attachments f JOIN alert_actions x ON x.id = "
                          "f.action_id WHERE x.alert_id = :a ORDER BY f.id",
       soci::use(key));
  for (const soci::row& r : files) {
    AttachmentInfo info{store::Int64(r, 0), store::Int64(r, 1), store::Text(r, 2),
                        store::Text(r, 3),  store::Int64(r, 4), store::Text(r, 5)};
    for (AlertAction& a : out) {
      if (a.id == info.action_id) a.attachments.push_back(info);
    }
  }
  return out;
}

std::optional<std::pair<AttachmentInfo, std::string>> ReadAttachment(soci::session& session,
                                                                     int64_t alert_id,
                                                                     int64_t attachment_id) {
  long long alert = alert_id;
  long long id = attachment_id;
  std::string content =
      IsPostgres(session) ? "encode(f.content, 'base64')" : "CAST(f.content AS TEXT)";
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT f.id, f.action_id, f.file_name, f.content_type, f.size_bytes, "
                          "f.sm3, " +
                              content +
                              " FROM alert_attachments f JOIN alert_actions x ON x.id = "
                              "f.action_id WHERE f.id = :i AND x.alert_id = :a",
       soci::use(id), soci::use(alert));
  for (const soci::row& r : rows) {
    AttachmentInfo info{store::Int64(r, 0), store::Int64(r, 1), store::Text(r, 2),
                        store::Text(r, 3),  store::Int64(r, 4), store::Text(r, 5)};
    // PostgreSQL's encode() breaks Base64 into lines of 76 characters.
    std::string text = store::Text(r, 6);
    std::erase(text, '\n');
    auto bytes = crypto::Base64Decode(text);
    if (!bytes) throw soci::soci_error("attachment " + std::to_string(id) + " is not Base64");
    return std::make_pair(std::move(info), std::move(*bytes));
  }
  return std::nullopt;
}

int64_t LatestActionTime(soci::session& session, int64_t alert_id, std::string_view action) {
  long long key = alert_id;
  std::string name(action);
  long long at = 0;
  soci::indicator indicator = soci::i_null;
  session << "SELECT max(created_at) FROM alert_actions WHERE alert_id = :a AND action = :n",
      soci::use(key), soci::use(name), soci::into(at, indicator);
  return indicator == soci::i_ok ? at : 0;
}

}  // namespace mingjing::supervision
