// Sending through the JS fetch bridge and receiving its answers.
#include "platform/browser_transport.h"

#include <emscripten/emscripten.h>

#include "domain/referral_json.h"
#include "platform/js_bridge.h"

namespace leads {

void BrowserTransport::send(const HttpRequest& request, std::function<void(HttpResponse)> on_done) {
  const std::uint32_t id = next_id_++;
  waiting_[id] = std::move(on_done);
  Json headers = Json::object();
  for (const auto& [name, value] : request.headers) headers[name] = value;
  const std::string headers_json = dump_json(headers);
  leads_http_send(id, request.method.c_str(), request.url.c_str(), headers_json.c_str(), request.body.data(),
                  request.body.size(), request.timeout_ms, static_cast<double>(request.max_response_bytes));
}

void BrowserTransport::complete(std::uint32_t id, HttpResponse response) {
  auto it = waiting_.find(id);
  if (it == waiting_.end()) return;
  auto on_done = std::move(it->second);
  waiting_.erase(it);
  on_done(std::move(response));
}

BrowserTransport& browser_transport() {
  static BrowserTransport instance;
  return instance;
}

}  // namespace leads

extern "C" EMSCRIPTEN_KEEPALIVE void leads_http_done(std::uint32_t id, int status, int timed_out,
                                                     const char* headers_json, const char* body,
                                                     std::size_t body_length, const char* error) {
  leads::HttpResponse response;
  response.status = status;
  response.received_at_ms = static_cast<std::int64_t>(leads_now_ms());  // for a Retry-After given as a date
  response.timed_out = timed_out != 0;
  response.network_error = error ? error : "";
  response.oversized = status == 0 && response.network_error.rfind("response larger than", 0) == 0;  // http_fetch.js
  response.body.assign(body, body_length);
  const leads::ParsedJson parsed = leads::parse_json_text(headers_json ? headers_json : "[]");
  if (!parsed.error && parsed.value.is_array())
    for (const leads::Json& pair : parsed.value)
      if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string())
        response.headers.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
  leads::browser_transport().complete(id, std::move(response));
}
