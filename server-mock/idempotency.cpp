// MS-RequestId claims, request hashes and replays.
#include "idempotency.h"

#include <openssl/evp.h>

#include "http_util.h"

namespace leads {

bool RequestGate::enter(const std::string& slot, std::chrono::milliseconds patience) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!released_.wait_for(lock, patience, [&] { return busy_.count(slot) == 0; })) return false;
  busy_.insert(slot);
  return true;
}

void RequestGate::leave(const std::string& slot) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    busy_.erase(slot);
  }
  released_.notify_all();
}

std::string request_hash(const std::string& method, const std::string& path, const std::string& body) {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const std::string head = method + "\n" + path + "\n";
  const bool ok = context && EVP_DigestInit_ex(context, EVP_sha256(), nullptr) == 1 &&
                  EVP_DigestUpdate(context, head.data(), head.size()) == 1 &&
                  EVP_DigestUpdate(context, body.data(), body.size()) == 1 &&
                  EVP_DigestFinal_ex(context, digest, &length) == 1;
  EVP_MD_CTX_free(context);
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  if (!ok) return hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

IdempotentRequest::IdempotentRequest(const httplib::Request& req, ReferralStore& store, RequestGate& gate,
                                     const std::string& user)
    : store_(store), gate_(gate), user_(user), key_(trim(req.get_header_value("MS-RequestId"))) {
  if (key_.empty()) return;
  hash_ = request_hash(req.method, req.path, req.body);
  slot_ = user_ + '\n' + key_;
}

IdempotentRequest::~IdempotentRequest() {
  if (entered_) gate_.leave(slot_);
}

bool IdempotentRequest::answered(httplib::Response& res) {
  if (key_.empty()) return false;
  // A duplicate sent while the first is still being handled waits for it, then finds its recorded answer.
  entered_ = gate_.enter(slot_, std::chrono::seconds(20));
  if (!entered_) {
    res.set_header("Retry-After", "1");
    send_error(res, 503, "serviceNotAvailable", "a request with this MS-RequestId is still being handled",
               "MS-RequestId");
    return true;
  }
  const auto recorded = store_.recorded(user_, key_);
  if (!recorded) return false;
  if (!recorded->request_hash.empty() && recorded->request_hash != hash_) {
    send_error(res, 422, "requestIdReused",
               "this MS-RequestId was already used for a different request (method, path or body); use a new one",
               "MS-RequestId");
    return true;
  }
  send_recorded(res, *recorded);
  res.set_header("X-Replayed-Request", "true");
  return true;
}

WriteExtras IdempotentRequest::extras(const RecordedResponse& response) const {
  WriteExtras extras;
  if (key_.empty()) return extras;
  extras.user = user_;
  extras.request_id = key_;
  extras.response = response;
  extras.response.request_hash = hash_;
  return extras;
}

void send_recorded(httplib::Response& res, const RecordedResponse& response) {
  res.status = response.status;
  if (!response.etag.empty()) res.set_header("ETag", response.etag);
  if (!response.location.empty()) res.set_header("Location", response.location);
  if (!response.body.empty()) send_json_text(res, response.status, response.body);
}

}  // namespace leads
