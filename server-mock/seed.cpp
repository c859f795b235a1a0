// Sample-lead generator: Turkish and English-speaking customers, every kind, stage and outcome, consistent dates.
//
// [SECTION] random numbers
// [SECTION] vocabulary
// [SECTION] people and companies
// [SECTION] one referral
#include "seed.h"

#include <cstdio>
#include <string>

#include "domain/close_reasons.h"

namespace leads {

namespace {

// [SECTION] random numbers -----------------------------------------------------------------------
// splitmix64: tiny, fast and identical on every platform, unlike std::rand or the std distributions.

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [low, high].
  std::int64_t range(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool chance(int percent) { return range(0, 99) < percent; }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[next() % N];
  }
  std::string hex(int digits) {
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    std::uint64_t bits = next();
    for (int i = 0; i < digits; ++i) {
      if (i == 16) bits = next();
      out += kHex[bits & 15];
      bits >>= 4;
    }
    return out;
  }
  std::string guid() { return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12); }

 private:
  std::uint64_t state_;
};

// [SECTION] vocabulary ---------------------------------------------------------------------------

struct City {
  const char* name;
  const char* state;
  const char* postal;
  const char* country;
  const char* phone_prefix;
};

// A customer's city, by the language of the seeded lead: a row pairs a Turkish city with an English-speaking one, so
// one draw picks the same row whichever the language (the pairs mean nothing else).
struct CityByLanguage {
  City turkish;
  City english;
};
const CityByLanguage kCities[] = {
    {{"İstanbul", "İstanbul", "34394", "TR", "+90 212"}, {"Seattle", "WA", "98101", "US", "+1 206"}},
    {{"Ankara", "Ankara", "06510", "TR", "+90 312"}, {"Redmond", "WA", "98052", "US", "+1 425"}},
    {{"İzmir", "İzmir", "35220", "TR", "+90 232"}, {"Chicago", "IL", "60601", "US", "+1 312"}},
    {{"Bursa", "Bursa", "16140", "TR", "+90 224"}, {"Austin", "TX", "78701", "US", "+1 512"}},
    {{"Antalya", "Antalya", "07100", "TR", "+90 242"}, {"Boston", "MA", "02108", "US", "+1 617"}},
    {{"Kocaeli", "Kocaeli", "41400", "TR", "+90 262"}, {"London", "", "EC1A 1BB", "GB", "+44 20"}},
    {{"Gaziantep", "Gaziantep", "27060", "TR", "+90 342"}, {"Manchester", "", "M1 1AE", "GB", "+44 161"}},
    {{"Konya", "Konya", "42060", "TR", "+90 332"}, {"Leeds", "", "LS1 4DY", "GB", "+44 113"}},
    {{"Kayseri", "Kayseri", "38010", "TR", "+90 352"}, {"Dublin", "", "D02 X285", "IE", "+353 1"}},
    {{"Eskişehir", "Eskişehir", "26010", "TR", "+90 222"}, {"Cork", "", "T12 W8F9", "IE", "+353 21"}},
};
const char* const kTurkishStreets[] = {
    "Atatürk Cad.",      "Cumhuriyet Mah. 1203 Sk.", "İnönü Bulvarı",    "Gazi Mustafa Kemal Blv.",
    "Fevzi Çakmak Cad.", "Barbaros Bulvarı",         "Şehit Mehmet Sk.", "Büyükdere Cad."};
const char* const kEnglishStreets[] = {"Pine Street",    "Market Street",   "High Street", "King's Road",
                                       "Grafton Street", "Congress Avenue", "Main Street", "Harbour Road"};

const char* const kTurkishFirst[] = {"Ayşe",  "Mehmet", "Şule",   "Gökhan", "Zeynep", "Mustafa", "Elif",  "Emre",
                                     "Çağla", "Burak",  "Gülşen", "Oğuz",   "İpek",   "Selçuk",  "Özlem", "Ümit"};
const char* const kTurkishLast[] = {"Yılmaz", "Öztürk", "Çelik", "Işık",  "Kaya",    "Demir", "Şahin",   "Aydın",
                                    "Arslan", "Doğan",  "Koç",   "Güneş", "Erdoğan", "Kılıç", "Özdemir", "Çetin"};
const char* const kEnglishFirst[] = {"Emily",  "James",   "Olivia", "Liam", "Sophie",    "Daniel", "Grace", "Conor",
                                     "Hannah", "Michael", "Aoife",  "Ryan", "Charlotte", "Ethan",  "Niamh", "Lucas"};
const char* const kEnglishLast[] = {"Smith",   "Johnson", "Brown", "Murphy", "Walsh",  "Taylor", "Wilson", "Davies",
                                    "O'Brien", "Clarke",  "Evans", "Kelly",  "Miller", "Byrne",  "Harris", "Moore"};

const char* const kTurkishPrefixes[] = {"Anadolu",   "Ege",     "Marmara", "Karadeniz", "Boğaziçi", "Toros",
                                        "Kapadokya", "Akdeniz", "Yıldız",  "Başkent",   "Trakya",   "Çukurova"};
const char* const kTurkishSectors[] = {"Lojistik", "Tekstil",           "Gıda",     "İnşaat",
                                       "Enerji",   "Sağlık Hizmetleri", "Otomotiv", "Yazılım",
                                       "Turizm",   "Tarım Ürünleri",    "Mobilya",  "Kimya"};
const char* const kTurkishSuffixes[] = {"A.Ş.", "San. ve Tic. Ltd. Şti.", "Ltd. Şti.", "Holding A.Ş."};
const char* const kEnglishPrefixes[] = {"Northwind", "Contoso",   "Fabrikam", "Tailspin", "Woodgrove", "Litware",
                                        "Proseware", "Lakeshore", "Bluebird", "Harbor",   "Cedar",     "Alpine"};
const char* const kEnglishSectors[] = {"Logistics", "Textiles", "Foods",  "Construction", "Energy",    "Health",
                                       "Motors",    "Software", "Travel", "Farms",        "Furniture", "Chemicals"};
const char* const kEnglishSuffixes[] = {"Inc.", "Ltd.", "LLC", "Group"};

const char* const kProducts[] = {"Microsoft 365 E3",
                                 "Microsoft 365 Business Premium",
                                 "Azure Virtual Desktop",
                                 "Dynamics 365 Sales",
                                 "Dynamics 365 Business Central",
                                 "Microsoft Teams Phone",
                                 "Azure Migrate",
                                 "Microsoft Defender for Endpoint",
                                 "Power BI Pro",
                                 "Azure SQL Database",
                                 "Microsoft Sentinel",
                                 "Dynamics 365 Customer Service"};
const char* const kIndustries[] = {"Manufacturing",         "Retail",        "Healthcare",
                                   "Financial services",    "Education",     "Government",
                                   "Professional services", "Transportation"};
const char* const kServices[] = {"Deployment", "Migration", "Managed services", "Consulting", "Training"};
const char* const kSolutions[] = {"Modern work", "Security", "Data and AI", "Infrastructure", "Business applications"};
const char* const kSizes[] = {"1to9employees",         "10to50employees",        "51to250employees",
                              "251to1000employees",    "1001to5000employees",    "5001to10000employees",
                              "10001to20000employees", "Morethan20000employees", "1to50employees",
                              "51to500employees"};
const char* const kTurkishNotes[] = {
    "Merhaba, {n} kişilik ekibimiz için {p} lisanslarını ve kurulum desteğini araştırıyoruz. En kısa sürede dönüş "
    "yaparsanız seviniriz.",
    "Şirketimiz {n} çalışanlı; {p} geçişi için teklif ve zaman planı istiyoruz.",
    "{p} hakkında bilgi almak istiyoruz. Yaklaşık {n} kullanıcı için bütçe çalışması yapıyoruz, lütfen bizi arayın.",
    "Mevcut sistemimizi yenilemek istiyoruz ({n} kullanıcı). {p} ile ilgili demo talep ediyoruz."};
const char* const kEnglishNotes[] = {
    "Hello, we are looking at {p} for a team of about {n} people and need help with licensing and rollout.",
    "We have {n} staff and want a quote and a timeline for moving to {p}.",
    "Interested in {p}. Budgeting for roughly {n} users this quarter; please call us.",
    "We would like a demo of {p} and an estimate for {n} seats."};
const char* const kSenderNotes[] = {
    "Customer attended the Azure webinar and asked for a partner follow-up.",
    "Qualified by the Microsoft seller: budget approved, decision expected this quarter.",
    "Müşteri etkinlikte partner desteği talep etti; bütçe onaylı.",
    "Marketing campaign response with high intent score."};
const char* const kPartnerNotes[] = {"Call scheduled with the IT manager.", "Teklif gönderildi, geri dönüş bekleniyor.",
                                     "Pilot with 20 users agreed.", "Müşteriyle keşif toplantısı yapıldı.",
                                     "Waiting for procurement approval."};

// [SECTION] people and companies -----------------------------------------------------------------

// Email-safe ASCII of a Turkish (or Irish) name: "Şule Çelik" -> "sule", "celik"; apostrophes dropped.
std::string ascii_lower(const std::string& text) {
  static const struct {
    const char* from;
    char to;
  } kMap[] = {{"ş", 's'}, {"Ş", 's'}, {"ı", 'i'}, {"İ", 'i'}, {"ğ", 'g'}, {"Ğ", 'g'},
              {"ü", 'u'}, {"Ü", 'u'}, {"ö", 'o'}, {"Ö", 'o'}, {"ç", 'c'}, {"Ç", 'c'}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool mapped = false;
    for (const auto& m : kMap) {
      const std::string from = m.from;
      if (text.compare(i, from.size(), from) == 0) {
        out += m.to;
        i += from.size();
        mapped = true;
        break;
      }
    }
    if (mapped) continue;
    const char c = text[i++];
    if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out += c;
  }
  return out;
}

std::string digits(Random& random, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += static_cast<char>('0' + random.range(0, 9));
  return out;
}

Member make_person(Random& random, bool turkish, const City& city, const std::string& domain, bool mobile) {
  Member member;
  member.first_name = turkish ? random.pick(kTurkishFirst) : random.pick(kEnglishFirst);
  member.last_name = turkish ? random.pick(kTurkishLast) : random.pick(kEnglishLast);
  member.email = ascii_lower(member.first_name) + "." + ascii_lower(member.last_name) + "@" + domain;
  if (turkish && mobile)
    member.phone_number =
        "+90 5" + digits(random, 2) + " " + digits(random, 3) + " " + digits(random, 2) + " " + digits(random, 2);
  else
    member.phone_number = std::string(city.phone_prefix) + " " + digits(random, 3) + " " + digits(random, 4);
  member.contact_preference.locale = turkish ? "tr-TR" : (std::string(city.country) == "US" ? "en-US" : "en-GB");
  return member;
}

// Fills a note template's {p} (product) and {n} (number of people).
std::string fill(std::string pattern, const std::string& product, int people) {
  for (auto [key, value] : {std::pair<std::string, std::string>{"{p}", product}, {"{n}", std::to_string(people)}})
    for (std::size_t at = pattern.find(key); at != std::string::npos; at = pattern.find(key, at + value.size()))
      pattern.replace(at, key.size(), value);
  return pattern;
}

// [SECTION] one referral -------------------------------------------------------------------------

Referral make_referral(Random& random, std::size_t index, TimeMs now) {
  Referral r;
  r.id = random.guid();
  r.engagement_id = random.guid();
  r.organization_id = "4c3e2a1b-7d6f-4e8a-9b0c-1d2e3f405162";
  r.organization_name = "Kuzey Bulut Teknoloji A.Ş.";
  r.etag = "\"" + random.hex(16) + "\"";

  const bool turkish = random.chance(55);
  const CityByLanguage& cities = random.pick(kCities);
  const City& city = turkish ? cities.turkish : cities.english;
  const std::string prefix = turkish ? random.pick(kTurkishPrefixes) : random.pick(kEnglishPrefixes);
  const std::string sector = turkish ? random.pick(kTurkishSectors) : random.pick(kEnglishSectors);
  const std::string suffix = turkish ? random.pick(kTurkishSuffixes) : random.pick(kEnglishSuffixes);
  const std::string country = city.country;
  const std::string domain = ascii_lower(prefix) + ascii_lower(sector) +
                             (country == "TR"   ? ".com.tr"
                              : country == "GB" ? ".co.uk"
                              : country == "IE" ? ".ie"
                                                : ".com");

  CustomerProfile& profile = r.customer_profile;
  profile.name = prefix + " " + sector + " " + suffix;
  profile.size = random.pick(kSizes);
  profile.address.address_line1 =
      turkish ? std::string(random.pick(kTurkishStreets)) + " No:" + std::to_string(random.range(1, 220))
              : std::to_string(random.range(1, 2400)) + " " + random.pick(kEnglishStreets);
  if (random.chance(30))
    profile.address.address_line2 =
        turkish ? "Kat " + std::to_string(random.range(1, 12)) : "Suite " + std::to_string(random.range(100, 900));
  profile.address.city = city.name;
  profile.address.state = city.state;
  profile.address.postal_code = city.postal;
  profile.address.country = country;
  profile.address.region = country == "US" ? "United States" : turkish ? "Türkiye" : "Western Europe";
  const int contacts = static_cast<int>(random.range(1, 2));
  for (int i = 0; i < contacts; ++i) profile.team.push_back(make_person(random, turkish, city, domain, i == 0));
  if (random.chance(40)) profile.team.front().title = turkish ? "Bilgi İşlem Müdürü" : "IT Manager";

  r.consent.share_info_with_others = random.chance(50);
  r.consent.contact = true;
  r.consent.share_with_microsoft_sellers = random.chance(70);

  // Kind: ~45% customer inquiries, ~25% marketing qualified, ~25% sales qualified, ~5% out of scope.
  r.type = wire_enum(ReferralType::Independent);
  r.direction = wire_enum(Direction::Incoming);
  const int kind = static_cast<int>(random.range(0, 99));
  if (kind < 45) {
    r.qualification = wire_enum(Qualification::Direct);
  } else {
    r.qualification = wire_enum(kind < 70 ? Qualification::MarketingQualified : Qualification::SalesQualified);
    r.invite_context.invited_by.organization_id = "msft";
    r.invite_context.invited_by.organization_name = "Microsoft";
    r.invite_context.notes = random.pick(kSenderNotes);
    if (kind >= 95) {  // out of scope: co-sell, outgoing or sent by another partner
      const int which = static_cast<int>(random.range(0, 2));
      if (which == 0)
        r.type = wire_enum(ReferralType::Shared);
      else if (which == 1)
        r.direction = wire_enum(Direction::Outgoing);
      else {
        r.invite_context.invited_by.organization_id = random.guid();
        r.invite_context.invited_by.organization_name = "Fabrikam Partners Ltd.";
      }
    }
  }

  const char* product = random.pick(kProducts);
  const int people = static_cast<int>(random.range(5, 900));
  const int note = static_cast<int>(random.range(0, 3));
  r.details.notes = fill(turkish ? kTurkishNotes[note] : kEnglishNotes[note], product, people);
  r.details.customer_requested_contact = random.chance(30);
  Json requirements = Json::object();
  requirements["industries"] = Json::array({random.pick(kIndustries)});
  requirements["products"] = Json::array({product});
  if (random.chance(50)) requirements["products"].push_back(random.pick(kProducts));
  requirements["services"] = Json::array({random.pick(kServices)});
  requirements["solutions"] = Json::array({random.pick(kSolutions)});
  r.details.requirements_json = requirements.dump();
  r.name = turkish ? std::string(product) + " - " + prefix + " " + sector
                   : std::string(product) + " for " + prefix + " " + sector;

  // Stage: ~35% received, ~25% accepted, ~40% archived.
  const int stage = static_cast<int>(random.range(0, 99));
  const TimeMs minute = 60 * kSecondMs;
  auto round_minute = [&](TimeMs t) { return t - ((t % minute) + minute) % minute; };
  if (stage < 35) {
    TimeMs age;
    const int shape = static_cast<int>(random.range(0, 9));
    if (shape < 3)
      age = random.range(1, 71) * kHourMs - random.range(0, 59) * minute;  // fresh (flame still hot)
    else if (shape < 5)
      age = kDayMs * 11 + random.range(0, 71) * kHourMs;  // expiring within 1-3 days
    else
      age = random.range(3, 10) * kDayMs + random.range(0, 23) * kHourMs;
    r.created_date_time = round_minute(now - age);
    r.status = wire_enum(Status::New);
    r.substatus = wire_enum(random.chance(85) ? Substatus::Received : Substatus::Pending);
    r.updated_date_time = r.created_date_time;
  } else {
    const bool active = stage < 60;
    const TimeMs age = random.range(active ? 2 : 15, 200) * kDayMs + random.range(0, 23) * kHourMs;
    r.created_date_time = round_minute(now - age);
    const int outcome = static_cast<int>(random.range(0, 99));
    const bool accepted = active || outcome < 60;  // won and lost went through Accepted
    if (accepted) {
      const TimeMs accept_after = random.range(1, std::min<std::int64_t>(13 * 24, age / kHourMs - 1)) * kHourMs;
      r.accepted_date_time = *r.created_date_time + accept_after;
      const char* currency = turkish ? (random.chance(70) ? "TRY" : "USD") : (country == "US" ? "USD" : "EUR");
      r.details.currency = currency;
      r.details.deal_value = static_cast<double>(random.range(2, 400) * (r.details.currency == "TRY" ? 25000 : 1000));
      r.details.closing_date_time = round_minute(*r.accepted_date_time + random.range(15, 120) * kDayMs);
      r.details.notes += "\n" + std::string(random.pick(kPartnerNotes));
      if (random.chance(50)) r.external_reference_id = "CRM-" + digits(random, 6);
      if (random.chance(25)) r.campaign_id = "CMP-" + digits(random, 4);
      if (random.chance(40)) r.team.push_back(make_person(random, turkish, city, "kuzeybulut.com.tr", true));
    }
    if (active) {
      r.status = wire_enum(Status::Active);
      r.substatus = wire_enum(Substatus::Accepted);
      r.updated_date_time = std::min(now, *r.accepted_date_time + random.range(0, 72) * kHourMs);
    } else {
      r.status = wire_enum(Status::Closed);
      const auto& reasons = all_close_reasons();
      if (accepted) {
        const bool won = outcome < 35;
        r.substatus = wire_enum(won ? Substatus::Won : Substatus::Lost);
        const TimeMs span = now - *r.accepted_date_time;
        r.closed_date_time =
            *r.accepted_date_time + random.range(1, std::max<std::int64_t>(1, span / kHourMs)) * kHourMs;
        if (!won)
          r.status_reason = status_reason_text(reasons[random.next() % reasons.size()],
                                               turkish ? "Müşteri başka bir çözüm seçti." : "");
      } else if (outcome < 85) {
        r.substatus = wire_enum(Substatus::Declined);
        r.closed_date_time = *r.created_date_time + random.range(1, 13 * 24) * kHourMs;
        r.status_reason = status_reason_text(reasons[random.next() % reasons.size()],
                                             turkish ? "Bölgemizin dışında." : "Outside our region.");
      } else if (outcome < 98) {
        r.substatus = wire_enum(Substatus::Expired);
        r.closed_date_time = *r.created_date_time + 14 * kDayMs;
      } else {
        r.substatus = wire_enum(Substatus::Error);
        r.closed_date_time = *r.created_date_time + random.range(1, 48) * kHourMs;
      }
      r.updated_date_time = r.closed_date_time;
    }
  }
  r.expiration_date_time = *r.created_date_time + 14 * kDayMs;
  (void)index;
  return r;
}

}  // namespace

std::vector<Referral> seed_referrals(std::uint64_t seed, std::size_t count, TimeMs now) {
  // Whole minutes, so servers started a few milliseconds apart on the same --now seed identical data.
  now -= ((now % 60000) + 60000) % 60000;
  Random random(seed * 0x2545F4914F6CDD1DULL + 1);
  std::vector<Referral> referrals;
  referrals.reserve(count);
  for (std::size_t i = 0; i < count; ++i) referrals.push_back(make_referral(random, i, now));
  return referrals;
}

}  // namespace leads
