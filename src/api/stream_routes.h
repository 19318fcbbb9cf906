// The console's live alert feed (GET /api/v1/stream) and how the notification dispatcher feeds
// it: each SSE outbox row goes to the streams of its recipient under the key "user:<id>".
#pragma once

#include <cstdint>
#include <string>

#include "http/sse.h"

namespace mingjing::api {

// Publishes one SSE outbox row as an "alert" event whose id is the outbox id, so a console that
// reconnects with that id as Last-Event-ID is replayed the rows after it. Skips (and logs) a
// body that is not JSON.
void PublishAlertNotice(http::SseHub& hub, int64_t recipient_id, int64_t outbox_id,
                        const std::string& body);

}  // namespace mingjing::api
