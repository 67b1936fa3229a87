#include "models/run_transfer.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace hcsim::models {
namespace {

enum class Record { whole_run = 0, share = 1 };

void append_sized(const std::vector<double>& values, std::vector<double>& out) {
  out.push_back(static_cast<double>(values.size()));
  out.insert(out.end(), values.begin(), values.end());
}

void encode_result(const ReplicationResult& result, std::vector<double>& out) {
  out.push_back(static_cast<double>(result.point));
  out.push_back(static_cast<double>(result.replication));
  out.push_back(static_cast<double>(result.events));
  out.push_back(static_cast<double>(result.facts.size()));
  for (const auto& fact : result.facts) {
    out.push_back(static_cast<double>(fact.people));
    out.push_back(static_cast<double>(fact.hospital_beds));
    out.push_back(static_cast<double>(fact.care_home_places));
  }
  append_sized(result.values, out);
  append_sized(result.cost_by_payer_service, out);
  out.push_back(static_cast<double>(result.cycles));
  append_sized(result.budget_history, out);
  append_sized(result.intervention_returns, out);
  append_sized(result.values_by_age_band, out);
  append_sized(result.life_table_deaths, out);
  append_sized(result.life_table_exposure, out);
  // Transition logs: per area its truncation flag, its record count and
  // four numbers a record.
  out.push_back(static_cast<double>(result.transitions.size()));
  for (std::size_t a = 0; a < result.transitions.size(); ++a) {
    out.push_back(result.transitions_truncated.at(a) != 0 ? 1.0 : 0.0);
    out.push_back(static_cast<double>(result.transitions[a].size()));
    for (const TransitionRecord& record : result.transitions[a]) {
      out.push_back(record.time);
      out.push_back(static_cast<double>(record.person));
      out.push_back(static_cast<double>(record.from));
      out.push_back(static_cast<double>(record.to));
    }
  }
}

// Reads the buffer from a position, failing loudly on a short buffer (a
// rank that sent something else) rather than reading past its end.
class Reader {
 public:
  explicit Reader(const std::vector<double>& buffer) : buffer_(buffer) {}
  [[nodiscard]] bool done() const { return at_ >= buffer_.size(); }
  double next() { return buffer_.at(at_++); }
  std::size_t count() { return static_cast<std::size_t>(next()); }
  void take(std::vector<double>& target) {
    const std::size_t size = count();
    if (size > buffer_.size() - at_) throw std::runtime_error("decode_runs: a truncated record");
    const auto begin = buffer_.begin() + static_cast<std::ptrdiff_t>(at_);
    target.assign(begin, begin + static_cast<std::ptrdiff_t>(size));
    at_ += size;
  }

 private:
  const std::vector<double>& buffer_;
  std::size_t at_ = 0;
};

Setting setting_from_index(std::size_t index) {
  if (index >= setting_count) throw std::runtime_error("decode_runs: a setting out of range");
  return static_cast<Setting>(index);
}

ReplicationResult decode_result(Reader& in, const RunPlan& plan) {
  ReplicationResult result;
  result.point = in.count();
  result.replication = static_cast<std::int64_t>(in.next());
  result.events = static_cast<std::uint64_t>(in.next());
  const auto& scenario = plan.points.at(result.point).scenario;
  const std::size_t areas = in.count();
  for (std::size_t a = 0; a < areas; ++a) {
    AreaFacts fact;
    fact.name = scenario.areas.at(a).name;
    fact.people = static_cast<std::int64_t>(in.next());
    fact.hospital_beds = static_cast<std::int64_t>(in.next());
    fact.care_home_places = static_cast<std::int64_t>(in.next());
    result.facts.push_back(std::move(fact));
  }
  in.take(result.values);
  in.take(result.cost_by_payer_service);
  result.cycles = in.count();
  in.take(result.budget_history);
  in.take(result.intervention_returns);
  in.take(result.values_by_age_band);
  in.take(result.life_table_deaths);
  in.take(result.life_table_exposure);
  const std::size_t logs = in.count();
  for (std::size_t a = 0; a < logs; ++a) {
    result.transitions_truncated.push_back(in.next() != 0.0 ? 1 : 0);
    const std::size_t records = in.count();
    auto& log = result.transitions.emplace_back();
    log.reserve(records);
    for (std::size_t r = 0; r < records; ++r) {
      TransitionRecord record;
      record.time = in.next();
      record.person = static_cast<std::uint32_t>(in.next());
      record.from = setting_from_index(in.count());
      record.to = setting_from_index(in.count());
      log.push_back(record);
    }
  }
  result.areas = areas;
  result.years = areas > 0 ? result.values.size() / (areas * metric_count) : 0;
  return result;
}

}  // namespace

void encode_run(std::size_t run, const ReplicationResult& result, std::vector<double>& out) {
  out.push_back(static_cast<double>(Record::whole_run));
  out.push_back(static_cast<double>(run));
  encode_result(result, out);
}

void encode_share(const RunShare& share, std::vector<double>& out) {
  out.push_back(static_cast<double>(Record::share));
  out.push_back(static_cast<double>(share.run));
  out.push_back(static_cast<double>(share.areas.size()));
  for (const char flag : share.areas) out.push_back(flag ? 1.0 : 0.0);
  encode_result(share.with, out);
  out.push_back(static_cast<double>(share.without.size()));
  for (const auto& without : share.without) encode_result(without, out);
}

void decode_runs(const std::vector<double>& buffer, const RunPlan& plan,
                 std::vector<ReplicationResult>& runs, std::vector<RunShare>& shares) {
  Reader in(buffer);
  while (!in.done()) {
    const auto kind = static_cast<Record>(in.count());
    const std::size_t run = in.count();
    if (kind == Record::whole_run) {
      runs.at(run) = decode_result(in, plan);
    } else if (kind == Record::share) {
      RunShare share;
      share.run = run;
      const std::size_t areas = in.count();
      for (std::size_t a = 0; a < areas; ++a) share.areas.push_back(in.next() != 0.0 ? 1 : 0);
      share.with = decode_result(in, plan);
      const std::size_t counterfactuals = in.count();
      for (std::size_t i = 0; i < counterfactuals; ++i) {
        share.without.push_back(decode_result(in, plan));
      }
      shares.push_back(std::move(share));
    } else {
      throw std::runtime_error("decode_runs: an unknown record");
    }
  }
}

bool gather_results_to_root(const sim::Distributed& world, const RunPlan& plan,
                            const PlanExecution& execution, ExperimentResult& result) {
  if (world.size() == 1) return true;  // every run was computed whole, here
  std::vector<double> mine;
  for (std::size_t run = 0; run < plan.run_count(); ++run) {
    const bool resumed = run < execution.finished.size() && execution.finished[run];
    const bool whole_here =
        execution.areas_here.empty() ||
        std::find(execution.areas_here[run].begin(), execution.areas_here[run].end(), 0) ==
            execution.areas_here[run].end();
    if (whole_here && !resumed) encode_run(run, result.runs[run], mine);
  }
  for (const auto& share : result.shares) encode_share(share, mine);
  const auto gathered = world.gather_to_root(mine);
  if (!world.is_root()) return false;
  std::vector<RunShare> shares = std::move(result.shares);
  result.shares.clear();
  for (std::size_t r = 1; r < gathered.size(); ++r) {
    decode_runs(gathered[r], plan, result.runs, shares);
  }
  std::vector<std::optional<RunShare>> split(plan.run_count());
  for (auto& share : shares) {
    auto& whole = split.at(share.run);
    if (whole) {
      merge_share(*whole, share);
    } else {
      whole = std::move(share);
    }
  }
  for (std::size_t run = 0; run < plan.run_count(); ++run) {
    if (!split[run]) continue;
    result.runs[run] =
        complete_run(plan.points[plan.point_of(run)].scenario, std::move(*split[run]));
    result.runs[run].point = plan.point_of(run);
  }
  result.areas = result.runs.front().facts;
  result.events = 0;
  for (const auto& run : result.runs) result.events += run.events;
  return true;
}

}  // namespace hcsim::models
