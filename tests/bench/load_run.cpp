// Load run against a server-mock on loopback (scripts/bench): list reads and conditional writes (If-Match) from
// N keep-alive connections for a bounded time and count; reports throughput, p50/p99 latency, errors and 412s.
// Asserts nothing but its own sanity: exits 1 when any request failed (transport error, 5xx, unexpected status).
//
//   load_run --port P --token T [--connections 32] [--seconds 30] [--max-requests 2000000] [--write-share 25]
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/referral_json.h"

namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr const char* kBase = "/v1.0/engagements/referrals";

struct Totals {
  std::vector<double> read_ms, write_ms;
  long long reads = 0, writes = 0, precondition_failed = 0, errors = 0;
  std::vector<std::string> error_samples;
};

double percentile(std::vector<double>& values, double p) {
  if (values.empty()) return 0;
  const std::size_t at = std::min(values.size() - 1, static_cast<std::size_t>(p * static_cast<double>(values.size())));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(at), values.end());
  return values[at];
}

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return argv[i + 1];
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const int port = std::atoi(arg(argc, argv, "--port", "0").c_str());
  const std::string token = arg(argc, argv, "--token", "");
  const int connections = std::max(1, std::atoi(arg(argc, argv, "--connections", "32").c_str()));
  const int seconds = std::max(1, std::atoi(arg(argc, argv, "--seconds", "30").c_str()));
  const long long max_requests = std::atoll(arg(argc, argv, "--max-requests", "2000000").c_str());
  const int write_share = std::clamp(std::atoi(arg(argc, argv, "--write-share", "25").c_str()), 0, 100);
  if (port <= 0 || token.empty()) {
    std::fprintf(stderr, "usage: load_run --port P --token T [--connections 32] [--seconds 30]\n");
    return 2;
  }
  const httplib::Headers auth = {{"Authorization", "Bearer " + token}};

  // The leads the writers edit: accepted ones (their notes may change any number of times).
  std::vector<std::string> targets;
  {
    httplib::Client client("127.0.0.1", port);
    auto result = client.Get((std::string(kBase) + "?$top=64&$select=id&$filter=status%20eq%20'Active'").c_str(), auth);
    if (!result || result->status != 200) {
      std::fprintf(stderr, "load_run: cannot list the leads to write (%d)\n", result ? result->status : -1);
      return 1;
    }
    const leads::ParsedJson page = leads::parse_json_text(result->body);
    if (!page.error && page.value.contains("value"))
      for (const auto& lead : page.value["value"]) targets.push_back(lead["id"].get<std::string>());
  }
  if (targets.empty()) {
    std::fprintf(stderr, "load_run: no accepted lead to write\n");
    return 1;
  }

  std::atomic<long long> issued{0};
  std::mutex mutex;
  Totals totals;
  const auto start = SteadyClock::now();
  const auto stop_at = start + std::chrono::seconds(seconds);
  std::vector<std::thread> workers;
  for (int w = 0; w < connections; ++w) {
    workers.emplace_back([&, w] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_read_timeout(30, 0);
      Totals mine;
      std::vector<std::string> etags(targets.size());
      unsigned state = 2463534242u + static_cast<unsigned>(w) * 7919u;
      auto next = [&] {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
      };
      auto failed = [&](const std::string& what) {
        ++mine.errors;
        if (mine.error_samples.size() < 3) mine.error_samples.push_back(what);
      };
      while (SteadyClock::now() < stop_at && issued.fetch_add(1) < max_requests) {
        const bool write = static_cast<int>(next() % 100) < write_share;
        const auto begin = SteadyClock::now();
        if (!write) {
          const std::string path = std::string(kBase) + "?$top=50&$skip=" + std::to_string(next() % 200) +
                                   "&$orderby=createdDateTime%20desc";
          auto result = client.Get(path.c_str(), auth);
          mine.read_ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - begin).count());
          ++mine.reads;
          if (!result)
            failed("read: " + httplib::to_string(result.error()));
          else if (result->status != 200)
            failed("read: HTTP " + std::to_string(result->status));
          continue;
        }
        const std::size_t which = next() % targets.size();
        const std::string path = std::string(kBase) + "/" + targets[which];
        if (etags[which].empty()) {  // learn the current ETag first (counted as a read)
          auto current = client.Get(path.c_str(), auth);
          ++mine.reads;
          mine.read_ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - begin).count());
          if (!current || current->status != 200) {
            failed("get one: " +
                   (current ? "HTTP " + std::to_string(current->status) : httplib::to_string(current.error())));
            continue;
          }
          etags[which] = current->get_header_value("ETag");
          continue;
        }
        httplib::Headers headers = auth;
        headers.emplace("If-Match", etags[which]);
        const std::string body = leads::dump_json(leads::Json::array(
            {{{"op", "replace"}, {"path", "/details/notes"}, {"value", "load " + std::to_string(next())}}}));
        auto result = client.Patch(path.c_str(), headers, body, "application/json");
        mine.write_ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - begin).count());
        ++mine.writes;
        if (!result) {
          failed("write: " + httplib::to_string(result.error()));
        } else if (result->status == 412) {
          ++mine.precondition_failed;  // another connection wrote first: expected, not an error
          etags[which].clear();
        } else if (result->status == 204 || result->status == 200) {
          etags[which] = result->get_header_value("ETag");
        } else {
          failed("write: HTTP " + std::to_string(result->status));
          etags[which].clear();
        }
      }
      std::lock_guard<std::mutex> lock(mutex);
      totals.read_ms.insert(totals.read_ms.end(), mine.read_ms.begin(), mine.read_ms.end());
      totals.write_ms.insert(totals.write_ms.end(), mine.write_ms.begin(), mine.write_ms.end());
      totals.reads += mine.reads;
      totals.writes += mine.writes;
      totals.precondition_failed += mine.precondition_failed;
      totals.errors += mine.errors;
      for (auto& sample : mine.error_samples)
        if (totals.error_samples.size() < 5) totals.error_samples.push_back(sample);
    });
  }
  for (auto& worker : workers) worker.join();
  const double elapsed = std::chrono::duration<double>(SteadyClock::now() - start).count();
  std::vector<double> all = totals.read_ms;
  all.insert(all.end(), totals.write_ms.begin(), totals.write_ms.end());
  const long long requests = totals.reads + totals.writes;
  std::printf("load: %d connections, %.1f s, %lld requests (%lld reads, %lld conditional writes)\n", connections,
              elapsed, requests, totals.reads, totals.writes);
  std::printf("load: throughput %.0f req/s\n", static_cast<double>(requests) / elapsed);
  std::printf("load: latency p50 %.2f ms, p99 %.2f ms (reads p50 %.2f / p99 %.2f; writes p50 %.2f / p99 %.2f)\n",
              percentile(all, 0.50), percentile(all, 0.99), percentile(totals.read_ms, 0.50),
              percentile(totals.read_ms, 0.99), percentile(totals.write_ms, 0.50), percentile(totals.write_ms, 0.99));
  std::printf("load: errors %lld, 412 precondition failed %lld\n", totals.errors, totals.precondition_failed);
  for (const auto& sample : totals.error_samples) std::printf("load: error sample: %s\n", sample.c_str());
  return totals.errors == 0 ? 0 : 1;
}
