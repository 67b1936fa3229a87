#pragma once
// An optional log of individual histories: every change of setting (home,
// waiting for a bed, in hospital, delayed discharge, care home, dead) of a
// sample of people, for users who want to follow people rather than totals.
// Off by default; the sample and the number of records are bounded so a log
// can never grow with the population or the horizon.
#include <cstdint>
#include <string_view>
#include <vector>

#include "models/person_table.hpp"

namespace hcsim::models {

struct TransitionRecord {
  double time = 0.0;  // days
  std::uint32_t person = 0;
  Setting from = Setting::home;
  Setting to = Setting::home;
};

struct TransitionLogOptions {
  std::uint32_t people_per_area = 0;   // 0: no log; people 0 .. n-1 of each area
  std::size_t max_records_per_area = 100000;
};

class TransitionLog {
 public:
  explicit TransitionLog(const TransitionLogOptions& options) : options_(options) {}

  [[nodiscard]] bool follows(std::uint32_t person) const noexcept {
    return person < options_.people_per_area;
  }
  void record(double time, std::uint32_t person, Setting from, Setting to) {
    if (records_.size() >= options_.max_records_per_area) {
      truncated_ = true;
      return;
    }
    records_.push_back({time, person, from, to});
  }
  [[nodiscard]] const std::vector<TransitionRecord>& records() const noexcept { return records_; }
  [[nodiscard]] bool truncated() const noexcept { return truncated_; }

 private:
  TransitionLogOptions options_;
  std::vector<TransitionRecord> records_;
  bool truncated_ = false;
};

[[nodiscard]] constexpr std::string_view setting_name(Setting setting) noexcept {
  switch (setting) {
    case Setting::home: return "home";
    case Setting::care_home: return "care_home";
    case Setting::waiting_for_bed: return "waiting_for_bed";
    case Setting::in_hospital: return "in_hospital";
    case Setting::delayed_discharge: return "delayed_discharge";
    case Setting::dead: return "dead";
    case Setting::reablement: return "reablement";
    case Setting::rehabilitation: return "rehabilitation";
    case Setting::home_care: return "home_care";
    case Setting::assessment: return "assessment";
  }
  return "unknown";
}

inline constexpr std::size_t setting_count = 10;

}  // namespace hcsim::models
