#include "models/funding/funding_parameters.hpp"

#include "models/input_error.hpp"

#include <cmath>
#include <optional>

namespace hcsim::models {
namespace {

// An enum given by name: the value stays unless the name is one of `names`.
template <typename Enum, std::size_t N>
void read_choice(MapReader& reader, const std::string& key,
                 const std::array<std::string_view, N>& names, Enum& target) {
  std::string name(names[static_cast<std::size_t>(target)]);
  reader.text(key, name);
  if (const auto index = index_of_name(names, name)) {
    target = static_cast<Enum>(*index);
    return;
  }
  std::string expected;
  for (auto known : names) expected += (expected.empty() ? "" : ", ") + std::string(known);
  reader.error(key, "expected one of " + expected + "; got '" + name + "'");
}

void read_tolerance(MapReader& reader, double& tolerance) {
  reader.number("tolerance", tolerance, Limits::between(0.0, 1.0, "share of the money available"));
}

void read_eligibility(MapReader& reader, EligibilityLimits& eligibility) {
  reader.number("eligibility_step", eligibility.step,
                Limits::between(0.0, 3.0, "care-need levels a cycle"));
  reader.number("maximum_eligibility_threshold", eligibility.maximum,
                Limits::between(0.0, 3.0, "care-need level"));
}

void read_capacity_limits(MapReader& reader, CapacityChangeLimits& capacity, bool may_grow) {
  reader.number("capacity_step_share", capacity.step_share,
                Limits::between(0.0, 1.0, "share of baseline capacity a cycle"));
  reader.number("capacity_floor_share", capacity.floor_share,
                Limits::between(0.0, 1.0, "share of baseline capacity"));
  if (may_grow) {
    reader.number("capacity_ceiling_share", capacity.ceiling_share,
                  Limits::between(1.0, 10.0, "share of baseline capacity"));
  }
}

void read_budgets(MapReader& reader, BudgetSettings& budgets) {
  read_choice(reader, "allocation", allocation_mode_names, budgets.allocation);
  reader.count("run_rate_cycles", budgets.run_rate_cycles, 1, 120);
  reader.count("reference_cycles", budgets.reference_cycles, 1, 120);
  for (Payer holder : budget_holders) {
    PayerBudgetSettings& settings = budgets.payers[index_of(holder)];
    MapReader payer = reader.map(std::string(payer_names[index_of(holder)]));
    // Upper limits catch slips (a percentage for a factor) and keep sums finite.
    payer.number("factor", settings.factor, Limits::between(0.0, 10.0, "times the base allocation"));
    payer.number("growth_per_year", settings.growth_per_year,
                 Limits::between(-0.5, 1.0, "share a year"));
    payer.number("per_person", settings.per_person,
                 Limits::between(0.0, 1e6, "pounds per resident a year"));
    payer.finish();
  }
  if (budgets.allocation == AllocationMode::per_person) {
    for (Payer partner : {Payer::nhs, Payer::local_authority}) {
      if (!(budgets.payers[index_of(partner)].per_person > 0.0)) {
        reader.error("allocation", "per_person allocation needs " +
                                       std::string(payer_names[index_of(partner)]) +
                                       ".per_person above 0");
      }
    }
  }
}

void read_means_test(MapReader& reader, MeansTestParameters& means_test) {
  const Limits pounds = Limits::between(0.0, 1e9, "pounds");
  reader.number("lower_capital", means_test.lower_capital, pounds);
  reader.number("upper_capital", means_test.upper_capital, pounds);
  reader.number("tariff_pounds_per_250", means_test.tariff_pounds_per_250,
                Limits::between(0.0, 250.0, "pounds a week per 250 pounds of capital"));
  double between = std::nan("");
  reader.number("between_band_capital", between, pounds);
  if (!std::isnan(between)) means_test.between_band_capital = between;
  // Name the limit this document gave, so the message points at its line.
  const std::string limit_key = reader.has("upper_capital") ? "upper_capital" : "lower_capital";
  if (!(means_test.lower_capital < means_test.upper_capital)) {
    reader.error(limit_key, "lower_capital must be below upper_capital (got " +
                                format_number(means_test.lower_capital) + " and " +
                                format_number(means_test.upper_capital) + ")");
  } else if (means_test.between_band_capital &&
             (*means_test.between_band_capital < means_test.lower_capital ||
              *means_test.between_band_capital > means_test.upper_capital)) {
    reader.error(reader.has("between_band_capital") ? "between_band_capital" : limit_key,
                 "between_band_capital must lie between lower_capital and upper_capital");
  }
}

void read_split(MapReader& reader, SplitParameters& split) {
  read_tolerance(reader, split.tolerance);
  read_eligibility(reader, split.eligibility);
  reader.number("approval_delay_step_days", split.approval_delay_step_days,
                Limits::between(0.0, 365.0, "days a cycle"));
  reader.number("maximum_approval_delay_days", split.maximum_approval_delay_days,
                Limits::between(0.0, 365.0, "days"));
  read_capacity_limits(reader, split.capacity, false);
}

void read_pooled(MapReader& reader, PooledParameters& pooled) {
  read_choice(reader, "contributions", pool_contributions_names, pooled.contributions);
  reader.number("nhs_contribution_share", pooled.nhs_contribution_share, Limits::probability());
  reader.number("local_authority_contribution_share", pooled.local_authority_contribution_share,
                Limits::probability());
  reader.number("risk_share_nhs", pooled.risk_share_nhs, Limits::probability());
  read_tolerance(reader, pooled.tolerance);
  read_capacity_limits(reader, pooled.capacity, true);
}

void read_integrated(MapReader& reader, IntegratedParameters& integrated) {
  read_tolerance(reader, integrated.tolerance);
  read_eligibility(reader, integrated.eligibility);
  read_capacity_limits(reader, integrated.capacity, true);
  reader.number("minimum_benefit_cost_ratio", integrated.minimum_benefit_cost_ratio,
                Limits::between(0.0, 1e6, "pounds of delayed bed days per pound"));
  reader.number("home_care_hours_per_person", integrated.home_care_hours_per_person,
                {0.0, 168.0, true, "hours a week"});
}

// Reads a nested block with `read` and reports its unknown keys.
template <typename Target>
void read_block(MapReader& parent, const std::string& key, Target& target,
                void (*read)(MapReader&, Target&)) {
  MapReader block = parent.map(key);
  read(block, target);
  block.finish();
}

}  // namespace

void apply_funding_parameters(MapReader& reader, FundingParameters& parameters) {
  reader.text("regime", parameters.regime);
  if (reader.has("regime") && !is_funding_regime(parameters.regime)) {
    reader.error("regime", "unknown funding regime '" + parameters.regime +
                               "'; expected one of " + known_funding_regimes());
  }
  read_block(reader, "budgets", parameters.budgets, read_budgets);
  read_block(reader, "means_test", parameters.means_test, read_means_test);
  read_block(reader, "split", parameters.split, read_split);
  read_block(reader, "pooled", parameters.pooled, read_pooled);
  read_block(reader, "integrated", parameters.integrated, read_integrated);
}

std::string_view funding_defaults_yaml() {
  return R"(funding:
  # The rule set every area's budgets follow (docs/funding.md): split (NHS
  # and local authority budgets separate, England's usual arrangement),
  # pooled (a Better Care Fund style pool) or integrated (one budget per area).
  regime: split
  budgets:
    # from_warmup: a payer's budget for the first measured year is its spend
    # over the last reference_cycles warm-up cycles, annualised, x factor;
    # per_person: per_person pounds a resident a year x residents x factor.
    # Either way it grows by growth_per_year each later year.
    allocation: from_warmup
    # ASSUMPTION: forecasts take the run rate of the last quarter (3 monthly
    # cycles), as in-year finance reports commonly do.
    run_rate_cycles: 3
    # ASSUMPTION: the last 3 warm-up cycles; earlier ones still carry the
    # model's start-up.
    reference_cycles: 3
    # ASSUMPTION: budgets equal to the spend they are built from, with no
    # growth: a neutral baseline. Tighten one number for a scenario, e.g.
    # local_authority: {factor: 0.97} for a local authority budget 3% short.
    nhs: {factor: 1.0, growth_per_year: 0.0, per_person: 0}
    local_authority: {factor: 1.0, growth_per_year: 0.0, per_person: 0}
    pooled_fund: {factor: 1.0, growth_per_year: 0.0, per_person: 0}
  means_test:
    # Care and Support (Charging and Assessment of Resources) Regulations
    # 2014, regulations 12 and 25; Care and Support Statutory Guidance, annex
    # B: capital limits 14,250 and 23,250 pounds, tariff income 1 pound a week
    # per 250 pounds (or part) between them.
    lower_capital: 14250
    upper_capital: 23250
    tariff_pounds_per_250: 1.0
    # between_band_capital (pounds): the capital of a representative person
    # between the limits. ASSUMPTION: absent means the midpoint (18,750).
  split:
    # ASSUMPTION: a forecast within 1% of the money available is on budget.
    tolerance: 0.01
    # ASSUMPTION: a quarter of a care-need level a cycle, up to 2.5 (between
    # moderate and high need); under the Care Act's national eligibility this
    # stands for stricter assessment practice.
    eligibility_step: 0.25
    maximum_eligibility_threshold: 2.5
    # ASSUMPTION: approval a day slower a cycle, up to 14 days slower than
    # the baseline wait for assessment (social_care.assessment_days).
    approval_delay_step_days: 1.0
    maximum_approval_delay_days: 14.0
    # ASSUMPTION: 2% of baseline capacity a cycle, down to 85% of baseline.
    capacity_step_share: 0.02
    capacity_floor_share: 0.85
  pooled:
    # matched: each partner pays in the share of its allocation that went on
    # the pooled services (reablement, rehabilitation, home care); shares:
    # the shares below. ASSUMPTION: matched. For scale only, the Better Care
    # Fund's minimum NHS contribution was 3.65 billion pounds in 2017-19
    # (Integration and Better Care Fund policy framework 2017-19).
    contributions: matched
    nhs_contribution_share: 0.0
    local_authority_contribution_share: 0.0
    # ASSUMPTION: partners cover an overspend beyond tolerance half each.
    risk_share_nhs: 0.5
    tolerance: 0.01
    # ASSUMPTION: 5% of baseline a cycle, between half and twice baseline.
    capacity_step_share: 0.05
    capacity_floor_share: 0.5
    capacity_ceiling_share: 2.0
  integrated:
    tolerance: 0.01
    eligibility_step: 0.25
    maximum_eligibility_threshold: 2.5
    capacity_step_share: 0.05
    capacity_floor_share: 0.5
    capacity_ceiling_share: 2.0
    # ASSUMPTION: grow a service only if a place ends at least its own cost
    # in delayed bed days.
    minimum_benefit_cost_ratio: 1.0
    # ASSUMPTION: a home-care package of 10 hours a week.
    home_care_hours_per_person: 10
)";
}

}  // namespace hcsim::models
