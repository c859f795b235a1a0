// Tests of alerts: which new leads raise a notification (kinds, burst summary, title count), the settings kept per
// user, and update()'s flow: off by default, the permission asked from the click, nothing while the page is in
// front, when denied or when turned off, one notification per new lead of a wanted kind after a poll.
#include "app/alerts.h"

#include "app_test_support.h"

using namespace leads;
using namespace leads::test;

namespace {

std::shared_ptr<const Translations> alert_texts() {
  auto texts = std::make_shared<Translations>(*test_texts());
  texts->load(Language::English, R"({"alerts.new_title": "New lead: {0}", "alerts.flame_title": "Flame: {0}",
    "alerts.body": "{0} · {1}", "alerts.summary_title": "{0} new leads", "alerts.and_more": " and {0} more"})");
  texts->load(Language::Turkish, R"({"alerts.flame_title": "Alev: {0}", "alerts.body": "{0} · {1}"})");
  return texts;
}

Referral flame_lead(const std::string& id) {
  Referral lead = make_lead(id);
  lead.details.customer_requested_contact = true;
  return lead;
}

std::vector<fx::notify::Show> shown(const std::vector<Effect>& effects) {
  std::vector<fx::notify::Show> out;
  for (const fx::Notify& notify : effects_of<fx::Notify>(effects))
    if (const auto* show = std::get_if<fx::notify::Show>(&notify.what)) out.push_back(*show);
  return out;
}

template <class T>
bool asks(const std::vector<Effect>& effects) {
  for (const fx::Notify& notify : effects_of<fx::Notify>(effects))
    if (std::holds_alternative<T>(notify.what)) return true;
  return false;
}

// Signed in with the list loaded, alerts allowed by the browser and turned on, the page hidden.
struct AlertingApp : TestApp {
  explicit AlertingApp(Language language = Language::English) : TestApp(language) {
    state.texts = alert_texts();
    load({make_lead("a"), make_lead("b")});
    dispatch(act::Alert{act::alert::SettingsRead{"user-1", "", NotifyPermission::Granted}});
    dispatch(act::Alert{act::alert::TurnOn{}});
    dispatch(act::Alert{act::alert::PageVisibility{true}});
  }
  // A poll that brings `leads` (new or changed).
  const std::vector<Effect>& poll(std::vector<Referral> leads) {
    dispatch(act::Poll{true});
    for (Referral& lead : leads) lead.updated_date_time = kNow;
    return answer(RequestPurpose::Poll, page_response(leads));
  }
};

}  // namespace

TEST_CASE("the settings are read back as written, and anything unreadable gives the defaults (off)") {
  AlertSettings settings;
  settings.enabled = true;
  settings.new_leads = false;
  CHECK(settings_from_json(settings_json(settings)) == settings);
  CHECK_FALSE(settings_from_json("").enabled);
  CHECK(settings_from_json("{nope") == AlertSettings{});
  CHECK(settings_from_json(R"({"enabled": "yes", "flameLeads": false})") == AlertSettings{false, true, false});
  CHECK(notify_permission_from("granted") == NotifyPermission::Granted);
  CHECK(notify_permission_from("denied") == NotifyPermission::Denied);
  CHECK(notify_permission_from("unsupported") == NotifyPermission::Unsupported);
  CHECK(notify_permission_from("prompt") == NotifyPermission::Default);
}

TEST_CASE("which kinds alert: every new lead, or only flame leads") {
  AlertSettings settings;
  settings.enabled = true;
  const ListStore store = ListStore::of({make_lead("a"), flame_lead("f")});
  const LeadRow plain = store.row(*store.find("a")), flame = store.row(*store.find("f"));
  CHECK(wants_alert(settings, plain));
  settings.new_leads = false;
  CHECK_FALSE(wants_alert(settings, plain));
  CHECK(wants_alert(settings, flame));
  settings.flame_leads = false;
  CHECK_FALSE(wants_alert(settings, flame));
}

TEST_CASE("a notice names the customer and the deal, tagged by the lead; a burst becomes one summary") {
  const auto texts = alert_texts();
  const ListStore two = ListStore::of({make_lead("a"), flame_lead("f")});
  const LeadRow a = two.row(*two.find("a")), f = two.row(*two.find("f"));
  AlertSettings settings;
  auto notices = notices_for({a, f}, settings, *texts, Language::English);
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].tag == "a");
  CHECK(notices[0].lead_id == "a");
  CHECK(notices[0].title == "New lead: Customer a");
  CHECK(notices[0].body == "Customer a · Deal a");
  CHECK(notices[1].title == "Flame: Customer f");
  CHECK(notices_for({f}, settings, *texts, Language::Turkish)[0].title == "Alev: Customer f");

  std::vector<Referral> many;
  for (const char* id : {"1", "2", "3", "4", "5"}) many.push_back(make_lead(id));
  const ListStore store = ListStore::of(many);
  std::vector<LeadRow> arrived;
  for (const char* id : {"1", "2", "3", "4", "5"}) arrived.push_back(store.row(*store.find(id)));
  notices = notices_for(arrived, settings, *texts, Language::English);
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].tag == "leads-summary");
  CHECK(notices[0].lead_id.empty());
  CHECK(notices[0].title == "5 new leads");
  CHECK(notices[0].body == "Customer 1, Customer 2, Customer 3 and 2 more");
}

TEST_CASE("the tab title counts unseen leads and is itself again when none are left") {
  CHECK(title_with_count("Leads", 3) == "(3) Leads");
  CHECK(title_with_count("Leads", 0) == "Leads");
}

TEST_CASE("alerts are off by default; the user's settings are read once signed in, per user") {
  TestApp app;
  CHECK_FALSE(app.state.alerts.settings.enabled);
  app.sign_in();  // app.last: what signing in asked for
  bool read = false;
  for (const fx::Notify& notify : effects_of<fx::Notify>(app.last))
    if (const auto* ask = std::get_if<fx::notify::ReadSettings>(&notify.what)) read = ask->user == "user-1";
  CHECK(read);
  app.answer(RequestPurpose::ListPage, page_response({make_lead("a")}, {}, 1));
  CHECK_FALSE(asks<fx::notify::ReadSettings>(app.last));  // once per user
  app.dispatch(act::Alert{act::alert::SettingsRead{"user-1", R"({"enabled":true})", NotifyPermission::Granted}});
  CHECK(app.state.alerts.settings.enabled);
  // An answer for someone else (a sign-out and another sign-in in between) changes nothing.
  app.dispatch(act::Alert{act::alert::SettingsRead{"user-2", R"({"enabled":false})", NotifyPermission::Denied}});
  CHECK(app.state.alerts.settings.enabled);
  CHECK(app.state.alerts.permission == NotifyPermission::Granted);
}

TEST_CASE("turning alerts on asks the browser first; granted turns them on and keeps the choice for the user") {
  TestApp app;
  app.load({make_lead("a")});
  app.dispatch(act::Alert{act::alert::SettingsRead{"user-1", "", NotifyPermission::Default}});
  CHECK(asks<fx::notify::AskPermission>(app.dispatch(act::Alert{act::alert::TurnOn{}})));
  CHECK_FALSE(app.state.alerts.settings.enabled);
  const auto& effects = app.dispatch(act::Alert{act::alert::PermissionKnown{NotifyPermission::Granted}});
  CHECK(app.state.alerts.settings.enabled);
  const auto saves = effects_of<fx::Notify>(effects);
  REQUIRE(saves.size() == 1);
  const auto& save = std::get<fx::notify::SaveSettings>(saves[0].what);
  CHECK(save.user == "user-1");
  CHECK(settings_from_json(save.json).enabled);
  app.dispatch(act::Alert{act::alert::SetKind{false, false}});
  CHECK_FALSE(app.state.alerts.settings.new_leads);
  CHECK(asks<fx::notify::SaveSettings>(app.last));
}

TEST_CASE("denied: alerts stay off, nothing is asked again, nothing is raised") {
  TestApp app;
  app.state.texts = alert_texts();
  app.load({make_lead("a")});
  app.dispatch(act::Alert{act::alert::SettingsRead{"user-1", "", NotifyPermission::Default}});
  app.dispatch(act::Alert{act::alert::TurnOn{}});
  app.dispatch(act::Alert{act::alert::PermissionKnown{NotifyPermission::Denied}});
  CHECK_FALSE(app.state.alerts.settings.enabled);
  CHECK(app.dispatch(act::Alert{act::alert::TurnOn{}}).empty());
  app.dispatch(act::Alert{act::alert::PageVisibility{true}});
  app.dispatch(act::Poll{true});
  Referral fresh = flame_lead("n");
  fresh.updated_date_time = kNow;
  CHECK(shown(app.answer(RequestPurpose::Poll, page_response({fresh}))).empty());
  CHECK(app.state.alerts.raised == 0);
}

TEST_CASE("a new flame lead brought by a poll while the page is hidden raises one notification, once") {
  AlertingApp app;
  const auto notices = shown(app.poll({flame_lead("n")}));
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].notice.tag == "n");
  CHECK(notices[0].notice.title == "Flame: Customer n");
  CHECK(app.state.alerts.raised == 1);
  CHECK(shown(app.poll({flame_lead("n")})).empty());  // the same lead changed again: no second alert
}

TEST_CASE("nothing is raised while the page is in front, when turned off, or for a kind switched off") {
  AlertingApp app;
  app.dispatch(act::Alert{act::alert::PageVisibility{false}});
  CHECK(shown(app.poll({make_lead("v")})).empty());
  app.dispatch(act::Alert{act::alert::PageVisibility{true}});
  CHECK(shown(app.poll({make_lead("v")})).empty());             // it arrived while in front: not news later
  app.dispatch(act::Alert{act::alert::SetKind{false, false}});  // only flame leads
  CHECK(shown(app.poll({make_lead("plain")})).empty());
  CHECK(shown(app.poll({flame_lead("hot")})).size() == 1);
  app.dispatch(act::Alert{act::alert::TurnOff{}});
  CHECK(shown(app.poll({flame_lead("hot2")})).empty());
  CHECK_FALSE(app.state.alerts.settings.enabled);
}

TEST_CASE("changed leads that are not new never alert; many new leads at once give one summary") {
  AlertingApp app;
  Referral changed = make_lead("a", "Active", "Accepted");
  CHECK(shown(app.poll({changed})).empty());
  const auto notices = shown(app.poll({make_lead("1"), make_lead("2"), make_lead("3"), make_lead("4")}));
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].notice.tag == "leads-summary");
  CHECK(notices[0].notice.title == "4 new leads");
}
