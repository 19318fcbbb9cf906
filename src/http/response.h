// What a handler returns, and the helpers that build the common kinds: JSON, text, no content and
// the one error shape {"error":{"code","message","field"}} shared by every endpoint.
#pragma once

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"
#include "http/response_body.h"

namespace mingjing::http {

class Request;
class EventStream;

class Response {
 public:
  Response() = default;
  explicit Response(boost::beast::http::status status) { message.result(status); }

  boost::beast::http::status status() const { return message.result(); }
  int status_code() const { return message.result_int(); }
  void SetStatus(boost::beast::http::status status) { message.result(status); }

  // Replaces any earlier value of the field.
  void SetHeader(boost::beast::http::field name, std::string_view value) {
    message.set(name, value);
  }
  void SetHeader(std::string_view name, std::string_view value) { message.set(name, value); }
  std::string_view Header(boost::beast::http::field name) const { return message[name]; }
  std::string_view Header(std::string_view name) const { return message[name]; }

  ResponseBody::value_type& body() { return message.body(); }
  const ResponseBody::value_type& body() const { return message.body(); }
  // Sets an in-memory body and its Content-Type.
  void SetBody(std::string bytes, std::string_view content_type);

  // Status, headers and body as the server writes them; Content-Length is set when written.
  boost::beast::http::response<ResponseBody> message;

  // Set only by StartEventStream(): the server then keeps the connection open for events.
  std::shared_ptr<EventStream> event_stream;

  // Ask the server to close the connection after this response.
  bool close_connection = false;
};

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";
inline constexpr std::string_view kTextContentType = "text/plain; charset=utf-8";

// 200 (or `status`) with the serialized value and application/json.
Response Json(const boost::json::value& value,
              boost::beast::http::status status = boost::beast::http::status::ok);

// 200 (or `status`) with text/plain; charset=utf-8.
Response Text(std::string text, boost::beast::http::status status = boost::beast::http::status::ok);

// 204 with no body.
Response NoContent();

// The HTTP status of each ErrorCode: 400 for invalid_field and malformed, 401, 403, 404, 405, 409,
// 413, 429, 503, and 500 for internal.
boost::beast::http::status StatusOf(ErrorCode code);

// The error shape with the status mapped from error.code. `field` is left out when empty.
Response ErrorResponse(const Error& error);

// The error shape with an explicit status, for statuses that have no ErrorCode of their own
// (431 request header fields too large, 408 request timeout).
Response ErrorResponse(const Error& error, boost::beast::http::status status);

// The JSON document of the error shape, for callers that embed it elsewhere.
boost::json::value ErrorBody(const Error& error);

// Parses the request body as JSON. An empty or invalid body gives kMalformed with the byte
// offset of the failure in the message, e.g. "invalid JSON at byte 17: syntax error".
Result<boost::json::value> ParseJsonBody(const Request& request);

// Parses the request body as a JSON object; anything else gives kMalformed.
Result<boost::json::object> ParseJsonObjectBody(const Request& request);

}  // namespace mingjing::http
