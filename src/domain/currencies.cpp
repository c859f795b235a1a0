// ISO 4217: the active currencies with their English and Turkish names, and the search the currency combo uses.
#include "domain/currencies.h"

#include <algorithm>
#include <iterator>

#include "domain/text_fold.h"

namespace leads {

namespace {

// Active ISO 4217 currencies (list one of the standard, as of 2025), sorted by code for binary search. Funds,
// precious metals and testing codes (XAU, XDR, XTS, XXX…) are not currencies a deal is priced in, so they are
// left out; so are withdrawn codes (ANG → XCG in 2025, ZWL → ZWG in 2024, HRK → EUR in 2023).
const Currency kCurrencies[] = {
    {"AED", "UAE dirham", "BAE dirhemi"},
    {"AFN", "Afghan afghani", "Afgan afganisi"},
    {"ALL", "Albanian lek", "Arnavut leki"},
    {"AMD", "Armenian dram", "Ermeni dramı"},
    {"AOA", "Angolan kwanza", "Angola kvanzası"},
    {"ARS", "Argentine peso", "Arjantin pesosu"},
    {"AUD", "Australian dollar", "Avustralya doları"},
    {"AWG", "Aruban florin", "Aruba florini"},
    {"AZN", "Azerbaijani manat", "Azerbaycan manatı"},
    {"BAM", "Bosnia and Herzegovina convertible mark", "Bosna-Hersek değiştirilebilir markı"},
    {"BBD", "Barbados dollar", "Barbados doları"},
    {"BDT", "Bangladeshi taka", "Bangladeş takası"},
    {"BGN", "Bulgarian lev", "Bulgar levası"},
    {"BHD", "Bahraini dinar", "Bahreyn dinarı"},
    {"BIF", "Burundian franc", "Burundi frangı"},
    {"BMD", "Bermudian dollar", "Bermuda doları"},
    {"BND", "Brunei dollar", "Brunei doları"},
    {"BOB", "Bolivian boliviano", "Bolivya bolivyanosu"},
    {"BRL", "Brazilian real", "Brezilya reali"},
    {"BSD", "Bahamian dollar", "Bahama doları"},
    {"BTN", "Bhutanese ngultrum", "Butan ngultrumu"},
    {"BWP", "Botswana pula", "Botsvana pulası"},
    {"BYN", "Belarusian ruble", "Belarus rublesi"},
    {"BZD", "Belize dollar", "Belize doları"},
    {"CAD", "Canadian dollar", "Kanada doları"},
    {"CDF", "Congolese franc", "Kongo frangı"},
    {"CHF", "Swiss franc", "İsviçre frangı"},
    {"CLP", "Chilean peso", "Şili pesosu"},
    {"CNY", "Chinese yuan renminbi", "Çin yuanı"},
    {"COP", "Colombian peso", "Kolombiya pesosu"},
    {"CRC", "Costa Rican colón", "Kosta Rika kolonu"},
    {"CUP", "Cuban peso", "Küba pesosu"},
    {"CVE", "Cape Verdean escudo", "Yeşil Burun Adaları eskudosu"},
    {"CZK", "Czech koruna", "Çek korunası"},
    {"DJF", "Djiboutian franc", "Cibuti frangı"},
    {"DKK", "Danish krone", "Danimarka kronu"},
    {"DOP", "Dominican peso", "Dominik pesosu"},
    {"DZD", "Algerian dinar", "Cezayir dinarı"},
    {"EGP", "Egyptian pound", "Mısır lirası"},
    {"ERN", "Eritrean nakfa", "Eritre nakfası"},
    {"ETB", "Ethiopian birr", "Etiyopya birri"},
    {"EUR", "Euro", "Euro"},
    {"FJD", "Fiji dollar", "Fiji doları"},
    {"FKP", "Falkland Islands pound", "Falkland Adaları sterlini"},
    {"GBP", "Pound sterling", "İngiliz sterlini"},
    {"GEL", "Georgian lari", "Gürcistan larisi"},
    {"GHS", "Ghanaian cedi", "Gana sedisi"},
    {"GIP", "Gibraltar pound", "Cebelitarık sterlini"},
    {"GMD", "Gambian dalasi", "Gambiya dalasisi"},
    {"GNF", "Guinean franc", "Gine frangı"},
    {"GTQ", "Guatemalan quetzal", "Guatemala ketzali"},
    {"GYD", "Guyanese dollar", "Guyana doları"},
    {"HKD", "Hong Kong dollar", "Hong Kong doları"},
    {"HNL", "Honduran lempira", "Honduras lempirası"},
    {"HTG", "Haitian gourde", "Haiti gurdu"},
    {"HUF", "Hungarian forint", "Macar forinti"},
    {"IDR", "Indonesian rupiah", "Endonezya rupisi"},
    {"ILS", "Israeli new shekel", "İsrail yeni şekeli"},
    {"INR", "Indian rupee", "Hindistan rupisi"},
    {"IQD", "Iraqi dinar", "Irak dinarı"},
    {"IRR", "Iranian rial", "İran riyali"},
    {"ISK", "Icelandic króna", "İzlanda kronu"},
    {"JMD", "Jamaican dollar", "Jamaika doları"},
    {"JOD", "Jordanian dinar", "Ürdün dinarı"},
    {"JPY", "Japanese yen", "Japon yeni"},
    {"KES", "Kenyan shilling", "Kenya şilini"},
    {"KGS", "Kyrgyzstani som", "Kırgızistan somu"},
    {"KHR", "Cambodian riel", "Kamboçya rieli"},
    {"KMF", "Comorian franc", "Komorlar frangı"},
    {"KPW", "North Korean won", "Kuzey Kore wonu"},
    {"KRW", "South Korean won", "Güney Kore wonu"},
    {"KWD", "Kuwaiti dinar", "Kuveyt dinarı"},
    {"KYD", "Cayman Islands dollar", "Cayman Adaları doları"},
    {"KZT", "Kazakhstani tenge", "Kazakistan tengesi"},
    {"LAK", "Lao kip", "Laos kipi"},
    {"LBP", "Lebanese pound", "Lübnan lirası"},
    {"LKR", "Sri Lankan rupee", "Sri Lanka rupisi"},
    {"LRD", "Liberian dollar", "Liberya doları"},
    {"LSL", "Lesotho loti", "Lesotho lotisi"},
    {"LYD", "Libyan dinar", "Libya dinarı"},
    {"MAD", "Moroccan dirham", "Fas dirhemi"},
    {"MDL", "Moldovan leu", "Moldova leyi"},
    {"MGA", "Malagasy ariary", "Madagaskar ariarisi"},
    {"MKD", "Macedonian denar", "Makedonya dinarı"},
    {"MMK", "Myanmar kyat", "Myanmar kyatı"},
    {"MNT", "Mongolian tögrög", "Moğol tugriki"},
    {"MOP", "Macanese pataca", "Makao patakası"},
    {"MRU", "Mauritanian ouguiya", "Moritanya ugiyası"},
    {"MUR", "Mauritian rupee", "Mauritius rupisi"},
    {"MVR", "Maldivian rufiyaa", "Maldiv rufiyası"},
    {"MWK", "Malawian kwacha", "Malavi kvaçası"},
    {"MXN", "Mexican peso", "Meksika pesosu"},
    {"MYR", "Malaysian ringgit", "Malezya ringgiti"},
    {"MZN", "Mozambican metical", "Mozambik metikali"},
    {"NAD", "Namibian dollar", "Namibya doları"},
    {"NGN", "Nigerian naira", "Nijerya nairası"},
    {"NIO", "Nicaraguan córdoba", "Nikaragua kordobası"},
    {"NOK", "Norwegian krone", "Norveç kronu"},
    {"NPR", "Nepalese rupee", "Nepal rupisi"},
    {"NZD", "New Zealand dollar", "Yeni Zelanda doları"},
    {"OMR", "Omani rial", "Umman riyali"},
    {"PAB", "Panamanian balboa", "Panama balboası"},
    {"PEN", "Peruvian sol", "Peru solü"},
    {"PGK", "Papua New Guinean kina", "Papua Yeni Gine kinası"},
    {"PHP", "Philippine peso", "Filipin pesosu"},
    {"PKR", "Pakistani rupee", "Pakistan rupisi"},
    {"PLN", "Polish złoty", "Polonya zlotisi"},
    {"PYG", "Paraguayan guaraní", "Paraguay guaranisi"},
    {"QAR", "Qatari riyal", "Katar riyali"},
    {"RON", "Romanian leu", "Rumen leyi"},
    {"RSD", "Serbian dinar", "Sırp dinarı"},
    {"RUB", "Russian ruble", "Rus rublesi"},
    {"RWF", "Rwandan franc", "Ruanda frangı"},
    {"SAR", "Saudi riyal", "Suudi Arabistan riyali"},
    {"SBD", "Solomon Islands dollar", "Solomon Adaları doları"},
    {"SCR", "Seychelles rupee", "Seyşeller rupisi"},
    {"SDG", "Sudanese pound", "Sudan lirası"},
    {"SEK", "Swedish krona", "İsveç kronu"},
    {"SGD", "Singapore dollar", "Singapur doları"},
    {"SHP", "Saint Helena pound", "Saint Helena sterlini"},
    {"SLE", "Sierra Leonean leone", "Sierra Leone leonesi"},
    {"SOS", "Somali shilling", "Somali şilini"},
    {"SRD", "Surinamese dollar", "Surinam doları"},
    {"SSP", "South Sudanese pound", "Güney Sudan lirası"},
    {"STN", "São Tomé and Príncipe dobra", "São Tomé ve Príncipe dobrası"},
    {"SVC", "Salvadoran colón", "El Salvador kolonu"},
    {"SYP", "Syrian pound", "Suriye lirası"},
    {"SZL", "Swazi lilangeni", "Esvatini lilangenisi"},
    {"THB", "Thai baht", "Tayland bahtı"},
    {"TJS", "Tajikistani somoni", "Tacikistan somonisi"},
    {"TMT", "Turkmenistan manat", "Türkmenistan manatı"},
    {"TND", "Tunisian dinar", "Tunus dinarı"},
    {"TOP", "Tongan paʻanga", "Tonga paangası"},
    {"TRY", "Turkish lira", "Türk lirası"},
    {"TTD", "Trinidad and Tobago dollar", "Trinidad ve Tobago doları"},
    {"TWD", "New Taiwan dollar", "Yeni Tayvan doları"},
    {"TZS", "Tanzanian shilling", "Tanzanya şilini"},
    {"UAH", "Ukrainian hryvnia", "Ukrayna grivnası"},
    {"UGX", "Ugandan shilling", "Uganda şilini"},
    {"USD", "US dollar", "ABD doları"},
    {"UYU", "Uruguayan peso", "Uruguay pesosu"},
    {"UZS", "Uzbekistani sum", "Özbekistan somu"},
    {"VED", "Venezuelan digital bolívar", "Venezuela dijital bolivarı"},
    {"VES", "Venezuelan sovereign bolívar", "Venezuela egemen bolivarı"},
    {"VND", "Vietnamese đồng", "Vietnam dongu"},
    {"VUV", "Vanuatu vatu", "Vanuatu vatusu"},
    {"WST", "Samoan tālā", "Samoa talası"},
    {"XAF", "Central African CFA franc", "Orta Afrika CFA frangı"},
    {"XCD", "East Caribbean dollar", "Doğu Karayip doları"},
    {"XCG", "Caribbean guilder", "Karayip guldeni"},
    {"XOF", "West African CFA franc", "Batı Afrika CFA frangı"},
    {"XPF", "CFP franc", "CFP frangı"},
    {"YER", "Yemeni rial", "Yemen riyali"},
    {"ZAR", "South African rand", "Güney Afrika randı"},
    {"ZMW", "Zambian kwacha", "Zambiya kvaçası"},
    {"ZWG", "Zimbabwe Gold", "Zimbabve altını"},
};

// Offered first: the currencies most of the workspace's deals are priced in.
constexpr std::string_view kUsual[] = {"TRY", "USD", "EUR", "GBP"};

}  // namespace

const std::vector<const Currency*>& all_currencies() {
  static const std::vector<const Currency*> all = [] {
    std::vector<const Currency*> list;
    for (const Currency& currency : kCurrencies) list.push_back(&currency);
    // The usual ones first, in their own order; then the rest by code.
    std::stable_sort(list.begin(), list.end(), [](const Currency* a, const Currency* b) {
      const auto rank = [](const Currency* c) {
        const auto* it = std::find(std::begin(kUsual), std::end(kUsual), c->code);
        return static_cast<int>(it - std::begin(kUsual));
      };
      return rank(a) < rank(b);
    });
    return list;
  }();
  return all;
}

const Currency* find_currency(std::string_view code) {
  const auto less = [](const Currency& a, std::string_view b) { return a.code < b; };
  const auto* it = std::lower_bound(std::begin(kCurrencies), std::end(kCurrencies), code, less);
  return it != std::end(kCurrencies) && it->code == code ? it : nullptr;
}

bool is_known_currency(std::string_view code) {
  return find_currency(code) != nullptr;
}

std::vector<const Currency*> search_currencies(std::string_view query) {
  const std::string needle = fold_for_search(query);
  if (needle.empty() || needle == " ") return all_currencies();
  // Rank: the code itself, a code starting with the query, then a name containing it (both languages).
  std::vector<std::pair<int, const Currency*>> found;
  for (const Currency* currency : all_currencies()) {
    const std::string code = fold_for_search(currency->code);
    int rank = -1;
    if (code == needle)
      rank = 0;
    else if (code.rfind(needle, 0) == 0)
      rank = 1;
    else if (folded_contains(fold_for_search(currency->english), needle) ||
             folded_contains(fold_for_search(currency->turkish), needle))
      rank = 2;
    if (rank >= 0) found.emplace_back(rank, currency);
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Currency*> out;
  for (const auto& entry : found) out.push_back(entry.second);
  return out;
}

}  // namespace leads
