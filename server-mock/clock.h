// The server's notion of "now": system time plus an offset that test mode may set or advance. Business rules
// (expiry, dates written) follow it; token lifetimes follow real time, as a real identity provider's would.
#pragma once
#include <atomic>
#include <chrono>

#include "domain/timestamp.h"

namespace leads {

class Clock {
 public:
  TimeMs now() const { return system_now() + offset_.load(); }
  void set(TimeMs now) { offset_.store(now - system_now()); }
  void advance(TimeMs delta) { offset_.fetch_add(delta); }

  static TimeMs system_now() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }

 private:
  std::atomic<TimeMs> offset_{0};
};

}  // namespace leads
