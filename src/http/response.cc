#include "http/response.h"

#include <fmt/format.h>

#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>

#include "http/request.h"

namespace mingjing::http {

namespace beast_http = boost::beast::http;

void Response::SetBody(std::string bytes, std::string_view content_type) {
  message.body().SetText(std::move(bytes));
  message.set(beast_http::field::content_type, content_type);
}

Response Json(const boost::json::value& value, beast_http::status status) {
  Response response(status);
  response.SetBody(boost::json::serialize(value), kJsonContentType);
  return response;
}

Response Text(std::string text, beast_http::status status) {
  Response response(status);
  response.SetBody(std::move(text), kTextContentType);
  return response;
}

Response NoContent() { return Response(beast_http::status::no_content); }

beast_http::status StatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidField:
    case ErrorCode::kMalformed:
      return beast_http::status::bad_request;
    case ErrorCode::kUnauthenticated:
      return beast_http::status::unauthorized;
    case ErrorCode::kForbidden:
      return beast_http::status::forbidden;
    case ErrorCode::kNotFound:
      return beast_http::status::not_found;
    case ErrorCode::kMethodNotAllowed:
      return beast_http::status::method_not_allowed;
    case ErrorCode::kConflict:
      return beast_http::status::conflict;
    case ErrorCode::kTooLarge:
      return beast_http::status::payload_too_large;
    case ErrorCode::kRateLimited:
      return beast_http::status::too_many_requests;
    case ErrorCode::kUnavailable:
      return beast_http::status::service_unavailable;
    case ErrorCode::kInternal:
      return beast_http::status::internal_server_error;
  }
  return beast_http::status::internal_server_error;
}

boost::json::value ErrorBody(const Error& error) {
  boost::json::object detail;
  detail["code"] = ErrorCodeName(error.code);
  detail["message"] = error.message;
  if (!error.field.empty()) detail["field"] = error.field;

  boost::json::object body;
  body["error"] = std::move(detail);
  return body;
}

Response ErrorResponse(const Error& error) { return ErrorResponse(error, StatusOf(error.code)); }

Response ErrorResponse(const Error& error, beast_http::status status) {
  return Json(ErrorBody(error), status);
}

Result<boost::json::value> ParseJsonBody(const Request& request) {
  const std::string& body = request.body();
  if (body.empty()) {
    return Error{
        ErrorCode::kMalformed, "the request body is empty; a JSON document is required", {}};
  }

  boost::json::parser parser;
  boost::system::error_code ec;
  size_t consumed = parser.write(body.data(), body.size(), ec);
  if (ec) {
    return Error{ErrorCode::kMalformed,
                 fmt::format("invalid JSON at byte {}: {}", consumed, ec.message()),
                 {}};
  }
  return parser.release();
}

Result<boost::json::object> ParseJsonObjectBody(const Request& request) {
  auto value = ParseJsonBody(request);
  if (!value) return value.error();
  if (!value->is_object()) {
    return Error{ErrorCode::kMalformed, "the request body must be a JSON object", {}};
  }
  return std::move(value->as_object());
}

}  // namespace mingjing::http
