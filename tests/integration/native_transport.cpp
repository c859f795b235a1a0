// The native transport: URL splitting, timeouts as one deadline, the response size cap and header-name folding.
#include "native_transport.h"

#include <httplib.h>

#include <cctype>
#include <chrono>
#include <cstdlib>

namespace leads::testing {

namespace {

using SteadyClock = std::chrono::steady_clock;

// A read that fails this close to the deadline is taken as the deadline's doing, not the peer's.
constexpr auto kDeadlineSlack = std::chrono::milliseconds(20);

struct SplitUrl {
  std::string origin;  // "http://127.0.0.1:8080"
  std::string target;  // "/v1.0/engagements/referrals?$top=5", sent verbatim (the API layer already encoded it)
};

bool split_url(const std::string& url, const std::string& default_origin, SplitUrl& out) {
  if (!url.empty() && url[0] == '/') {
    if (default_origin.empty()) return false;
    out = SplitUrl{default_origin, url};
    return true;
  }
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  const auto path_start = url.find_first_of("/?#", scheme_end + 3);
  const std::string authority =
      url.substr(scheme_end + 3, path_start == std::string::npos ? std::string::npos : path_start - scheme_end - 3);
  if (authority.empty()) return false;
  out.origin = scheme + "://" + authority;
  out.target = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (out.target[0] != '/') out.target = "/" + out.target;
  const auto fragment = out.target.find('#');
  if (fragment != std::string::npos) out.target.erase(fragment);
  return true;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

HttpResponse failure(std::string why, bool timed_out = false) {
  HttpResponse response;
  response.network_error = std::move(why);
  response.timed_out = timed_out;
  return response;
}

}  // namespace

HttpResponse NativeTransport::exchange(const HttpRequest& request) {
  SplitUrl url;
  if (!split_url(request.url, default_origin_, url)) return failure("cannot send to URL '" + request.url + "'");

  httplib::Client client(url.origin);
  if (!client.is_valid()) return failure("no HTTP client for " + url.origin);
  client.set_url_encode(false);
  client.set_keep_alive(false);

  const bool has_deadline = request.timeout_ms > 0;
  const auto start = SteadyClock::now();
  const auto deadline = start + std::chrono::milliseconds(has_deadline ? request.timeout_ms : 0);
  if (has_deadline) {
    const auto limit = std::chrono::milliseconds(request.timeout_ms);
    client.set_connection_timeout(limit);
    client.set_read_timeout(limit);
    client.set_write_timeout(limit);
  }
  auto past_deadline = [&] { return has_deadline && SteadyClock::now() >= deadline; };

  httplib::Request out;
  out.method = request.method;
  out.path = url.target;
  for (const auto& [name, value] : request.headers) out.headers.emplace(name, value);
  out.body = request.body;

  std::string body;
  bool over_cap = false;
  bool stopped_at_deadline = false;
  out.response_handler = [&](const httplib::Response& head) {
    // Refuse early when the server announces a body over the cap, rather than reading all of it first.
    if (head.has_header("Content-Length")) {
      const std::string length = head.get_header_value("Content-Length");
      char* end = nullptr;
      const unsigned long long announced = std::strtoull(length.c_str(), &end, 10);
      if (end != length.c_str() && announced > request.max_response_bytes) {
        over_cap = true;
        return false;
      }
    }
    return true;
  };
  out.content_receiver = [&](const char* data, size_t length, uint64_t, uint64_t) {
    if (body.size() + length > request.max_response_bytes) {
      over_cap = true;
      return false;
    }
    if (past_deadline()) {
      stopped_at_deadline = true;
      return false;
    }
    body.append(data, length);
    return true;
  };
  out.progress = [&](uint64_t, uint64_t) {
    if (!past_deadline()) return true;
    stopped_at_deadline = true;
    return false;
  };

  httplib::Result result = client.send(out);
  if (!result) {
    if (over_cap)
      return failure("the response is larger than " + std::to_string(request.max_response_bytes) + " bytes");
    const httplib::Error error = result.error();
    const bool timed_out = stopped_at_deadline || error == httplib::Error::ConnectionTimeout ||
                           (has_deadline && SteadyClock::now() + kDeadlineSlack >= deadline &&
                            (error == httplib::Error::Read || error == httplib::Error::Write));
    if (timed_out) return failure("no answer within " + std::to_string(request.timeout_ms) + " ms", true);
    return failure(httplib::to_string(error));
  }

  HttpResponse response;
  response.status = result->status;
  for (const auto& [name, value] : result->headers) response.headers.emplace_back(lower(name), value);
  response.body = std::move(body);
  return response;
}

void NativeTransport::send(const HttpRequest& request, std::function<void(HttpResponse)> on_done) {
  HttpResponse response = exchange(request);
  if (on_done) on_done(std::move(response));
}

}  // namespace leads::testing
