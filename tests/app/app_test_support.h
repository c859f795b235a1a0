// Shared fixtures of the app-layer tests: translations, tokens, leads as the API sends them, and a TestApp that feeds
// actions to update() and answers the request in flight for a given purpose.
#pragma once
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "app/effects.h"
#include "app/state.h"
#include "app/update.h"
#include "domain/encoding.h"
#include "domain/referral_json.h"
#include "support/lead_builder.h"

namespace leads::test {

// Noon UTC on a Saturday: leads created the day before are Received and far from expiry.
inline const TimeMs kNow = *parse_iso8601("2026-11-21T12:00:00Z");
inline const char* const kBaseUrl = "http://api.test";

// A small table with the keys the tested code reads; Turkish texts carry Turkish letters on purpose. A row without
// a Turkish text is missing from the Turkish table (the lookup then falls back to English).
struct TestText {
  const char* key;
  const char* english;
  const char* turkish;
};
inline const TestText kTestTexts[] = {
    {"toast.accepted", "Accepted", "Kabul edildi — Kabul edildi aşamasına taşındı"},
    {"toast.declined", "Declined", nullptr},
    {"toast.edited", "Saved", nullptr},
    {"toast.bulk_declined", "Declined {0} leads", nullptr},
    {"toast.bulk_favorited", "Added {0} leads", nullptr},
    {"toast.favorite_added", "{0} added to favorites", "{0} Sık Kullanılanlara eklendi"},
    {"toast.favorite_removed", "{0} removed from favorites", nullptr},
    {"toast.exported", "Exported {0} leads", nullptr},
    {"toast.copied", "Copied {0}", nullptr},
    {"column.favorite", "Favorite", "Sık kullanılan"},
    {"column.customer", "Customer", "Müşteri"},
    {"column.lead", "Lead", "Müşteri adayı"},
    {"column.kind", "Kind", "Tür"},
    {"column.stage", "Stage", "Aşama"},
    {"column.received", "Received", "Alındı"},
    {"column.time_left", "Time left", "Kalan süre"},
    {"column.value", "Est. value", "Tahmini anlaşma değeri"},
    {"column.currency", "Currency", "Para birimi"},
    {"column.city", "City", "Şehir"},
    {"column.country", "Country", "Ülke"},
    {"column.id", "Lead ID", "Müşteri adayı kimliği"},
    {"csv.yes", "yes", "evet"},
    {"stage.received", "Received", "Alındı"},
    {"stage.accepted", "Accepted", "Kabul edildi"},
    {"stage.archived", "Archived", "Arşivlendi"},
    {"stage.unknown", "Unknown stage", nullptr},
    {"outcome.won", "Won", "Kazanıldı"},
    {"outcome.lost", "Lost", nullptr},
    {"outcome.declined", "Declined", nullptr},
    {"outcome.expired", "Expired", nullptr},
    {"outcome.error", "Error", nullptr},
    {"outcome.none", "", nullptr},
    {"kind.customer_inquiry", "Customer inquiry", "Müşteri sorgusu"},
    {"kind.marketing_qualified", "Marketing qualified", nullptr},
    {"kind.sales_qualified", "Sales qualified", nullptr},
    {"kind.out_of_scope", "Out of scope", nullptr},
};

inline std::shared_ptr<const Translations> test_texts() {
  Json english = Json::object(), turkish = Json::object();
  for (const TestText& text : kTestTexts) {
    english[text.key] = text.english;
    if (text.turkish) turkish[text.key] = text.turkish;
  }
  auto texts = std::make_shared<Translations>();
  texts->load(Language::English, english.dump());
  texts->load(Language::Turkish, turkish.dump());
  return texts;
}

// An unsigned JWT: the client only reads the payload, the server checks the signature.
inline std::string make_token(const std::vector<std::string>& roles = {"MPN partner admin"},
                              const std::string& oid = "user-1") {
  const Json payload{
      {"name", "Ayşe Yılmaz"}, {"email", "ayse@partner.test"}, {"oid", oid}, {"roles", roles}, {"exp", 4102444800}};
  return base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url_encode(payload.dump()) + ".c2ln";
}

// A toast's text as the view shows it: translated now, in the state's language.
inline std::string shown_text(const AppState& state, const Toast& toast) {
  return translate(toast.message, *state.texts, state.language);
}

// An in-scope customer inquiry, Received, created the day before kNow, as the API sends it.
inline Referral make_lead(const std::string& id, const char* status = "New", const char* substatus = "Received") {
  return a_lead()
      .id(id)
      .name("Deal " + id)
      .stage(status, substatus)
      .received_at(kNow - kDayMs)
      .updated_at(kNow - kDayMs)
      .customer("Customer " + id)
      .city("İstanbul")
      .country("TR")
      .etag("\"" + id + "-v1\"");
}

inline HttpResponse response(int status, std::string body = {}, HeaderList headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

inline HttpResponse network_failure() {
  HttpResponse r;
  r.network_error = "connection reset";
  return r;
}

inline HttpResponse lead_response(const Referral& lead, int status = 200) {
  return response(status, dump_json(referral_to_json(lead)), {{"etag", lead.etag}});
}

inline HttpResponse error_response(int status, const std::string& code, const std::string& target = {},
                                   HeaderList headers = {}) {
  Json error{{"code", code}, {"message", "refused"}};
  if (!target.empty()) error["target"] = target;
  return response(status, Json{{"error", error}}.dump(), std::move(headers));
}

inline HttpResponse page_response(const std::vector<Referral>& leads, const std::string& next_link = {},
                                  std::optional<std::int64_t> count = std::nullopt) {
  Json body{{"@odata.context", "referrals"}, {"value", Json::array()}};
  for (const Referral& lead : leads) body["value"].push_back(referral_to_json(lead));
  if (count) body["@odata.count"] = *count;
  if (!next_link.empty()) body["@odata.nextLink"] = next_link;
  return response(200, body.dump());
}

// Effects of one kind, in the order update() returned them.
template <class T>
std::vector<T> effects_of(const std::vector<Effect>& effects) {
  std::vector<T> out;
  for (const Effect& effect : effects)
    if (const T* one = std::get_if<T>(&effect)) out.push_back(*one);
  return out;
}

// The timers whose action is an A.
template <class A>
std::vector<fx::After> timers_of(const std::vector<Effect>& effects) {
  std::vector<fx::After> out;
  for (const fx::After& after : effects_of<fx::After>(effects))
    if (std::holds_alternative<A>(after.action)) out.push_back(after);
  return out;
}

inline std::string header(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers)
    if (key == name) return value;
  return {};
}

inline bool has_header(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers)
    if (key == name) return true;
  return false;
}

// The app driven through update() only, as the platform would.
struct TestApp {
  AppState state;
  std::vector<Effect> last;

  explicit TestApp(Language language = Language::English)
      : state(initial_state(ApiConfig{kBaseUrl, "", "corr-1"}, test_texts(), language, kNow)) {
    state.jitter = RetryJitter(1);  // every wait known in advance
  }

  const std::vector<Effect>& dispatch(const AppAction& action) {
    last = update(state, action);
    return last;
  }

  std::size_t pending_count(RequestPurpose purpose) const {
    std::size_t n = 0;
    for (const auto& [id, pending] : state.pending) n += pending.purpose == purpose;
    return n;
  }

  std::vector<std::uint64_t> pending_ids(RequestPurpose purpose) const {
    std::vector<std::uint64_t> ids;
    for (const auto& [id, pending] : state.pending)
      if (pending.purpose == purpose) ids.push_back(id);
    return ids;
  }

  // The one request in flight for `purpose`.
  std::uint64_t pending_id(RequestPurpose purpose) const {
    const auto ids = pending_ids(purpose);
    REQUIRE(ids.size() == 1);
    return ids.front();
  }

  const std::vector<Effect>& answer(RequestPurpose purpose, HttpResponse reply) {
    return dispatch(act::HttpDone{pending_id(purpose), std::move(reply)});
  }

  // Start, and when the app first asks for its configuration, answer that there is none (standalone, dev sign-in):
  // returns the effects that carry the dev sign-in request.
  std::vector<Effect> start() {
    std::vector<Effect> effects = dispatch(act::Start{});
    for (const fx::SendHttp& sent : effects_of<fx::SendHttp>(effects)) {
      const std::string& url = sent.request.url;
      const std::string config = "/app-config.json";
      if (url.size() >= config.size() && url.compare(url.size() - config.size(), config.size(), config) == 0) {
        const auto answered = dispatch(act::HttpDone{sent.request_id, response(404)});
        effects.insert(effects.end(), answered.begin(), answered.end());
      }
    }
    return effects;
  }

  void sign_in(const std::vector<std::string>& roles = {"MPN partner admin"}) {
    start();
    answer(RequestPurpose::DevToken, response(200, Json{{"token", make_token(roles)}}.dump()));
    REQUIRE(state.session.phase == SignInPhase::SignedIn);
  }

  // Signs in and answers the first list request with one page holding `leads`.
  void load(const std::vector<Referral>& leads, const std::vector<std::string>& roles = {"MPN partner admin"}) {
    for (const Referral& lead : leads) records[lead.id] = lead;
    sign_in(roles);
    answer(RequestPurpose::ListPage, page_response(leads, {}, static_cast<std::int64_t>(leads.size())));
    REQUIRE(state.load.phase == LoadPhase::Loaded);
    draw();
  }

  // The server's full records of the leads load() sent: what opening a lead fetches.
  std::map<std::string, Referral> records;
  // Opens a lead as a click does, and answers the fetch of its full record (when the app asks for it).
  void open(const std::string& id) {
    dispatch(act::SelectLead{id});
    if (pending_count(RequestPurpose::RecordFetch) == 1 && records.count(id))
      answer(RequestPurpose::RecordFetch, lead_response(records.at(id)));
  }
  // Opens the lead, then its form: the forms work on the full record.
  const std::vector<Effect>& open_form(Action action, const std::string& id) {
    open(id);
    return dispatch(act::OpenForm{action, id});
  }
  // What the platform does before drawing a frame.
  void draw() { ensure_rows(state); }

  std::vector<std::string> row_ids() const {
    std::vector<std::string> ids;
    for (std::uint32_t row : state.view(state.tab).rows) ids.push_back(state.leads.row(row).id());
    return ids;
  }
};

}  // namespace leads::test
