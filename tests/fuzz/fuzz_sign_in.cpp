// Fuzzes what the app reads while signing in, all of it from outside the app: the provider's discovery document and
// token answers, the ID token (header, payload and signature segments), the redirect's query, the sessionStorage
// record of a round trip and the other tabs' news. Any text is read or refused; nothing crashes; what is read back
// is what was written.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "api/oidc_wire.h"
#include "app/oidc_client.h"

using namespace leads;

namespace {
void check(bool condition) {
  if (!condition) std::abort();  // libFuzzer reports the abort with the input that caused it
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  // As a provider's body: discovery and the token endpoint, with the statuses that change how it is read.
  for (int status : {200, 400, 401, 503}) {
    HttpResponse response;
    response.status = status;
    response.body = text;
    const DiscoveryResult discovery = read_discovery(response, "http://idp.test");
    check(discovery.metadata.has_value() == discovery.problem.empty());
    if (discovery.metadata) check(discovery.metadata->issuer == "http://idp.test");
    const TokenResult answer = read_token_answer(response);
    if (const auto* tokens = std::get_if<TokenAnswer>(&answer)) check(status == 200 && !tokens->access_token.empty());
  }

  // As an ID token, whole and as the payload segment of one.
  if (const auto claims = read_id_token(text))
    (void)id_token_problem(*claims, {"http://idp.test", "leads-workspace", "n", true, {}, 0});
  (void)read_id_token("eyJhbGciOiJSUzI1NiJ9." + base64url_encode(text) + ".c2ln");

  // As the redirect's query, checked against a round trip of ours.
  if (const auto callback = read_callback_query(text)) {
    PendingSignIn pending;
    pending.state = "s";
    pending.nonce = "n";
    pending.verifier = "v";
    const CallbackOutcome outcome = check_callback(*callback, pending, 0);
    if (outcome.verdict == CallbackVerdict::Exchange) check(callback->state == "s" && !callback->code.empty());
  }

  // As the round trip's record, and as another tab's news.
  if (const auto pending = read_pending_sign_in(text)) {
    const auto again = read_pending_sign_in(pending_sign_in_json(*pending));
    check(again && again->state == pending->state && again->nonce == pending->nonce &&
          again->verifier == pending->verifier && again->route == pending->route);
  }
  (void)is_signed_out_news(text);
  (void)read_sign_in_config(text);
  return 0;
}
