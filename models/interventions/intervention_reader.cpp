#include "models/interventions/intervention_reader.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "models/calendar.hpp"

namespace hcsim::models {
namespace {

template <std::size_t N>
std::vector<std::string> to_strings(const std::array<std::string_view, N>& names) {
  std::vector<std::string> strings;
  strings.reserve(N);
  for (const auto name : names) strings.emplace_back(name);
  return strings;
}

std::string join(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) {
    if (!text.empty()) text += ", ";
    text += word;
  }
  return text;
}

// "unknown <what> '<value>'; did you mean '<x>'? Expected one of: ...".
std::string unknown_name_message(const std::string& what, const std::string& value,
                                 const std::vector<std::string>& known) {
  std::string message = "unknown " + what + " '" + value + "'";
  const std::string suggestion = closest_match(value, known);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  message += " Expected one of: " + join(known);
  return message;
}

// The index of `value` among `names`, or nullopt after reporting it at `key`.
template <std::size_t N>
std::optional<std::size_t> look_up(MapReader& reader, const std::string& key,
                                   const std::string& value,
                                   const std::array<std::string_view, N>& names,
                                   const std::string& what) {
  if (const auto index = index_of_name(names, value)) return index;
  reader.error(key, unknown_name_message(what, value, to_strings(names)));
  return std::nullopt;
}

// Reads an optional list of names under `key` into a bit mask (bit i for
// names[i]); absent leaves the mask at 0 (anyone).
template <std::size_t N, typename Mask>
void read_name_mask(MapReader& reader, const std::string& key,
                    const std::array<std::string_view, N>& names, const std::string& what,
                    Mask& mask) {
  if (!reader.has(key)) {
    reader.accept(key);  // absent: anyone
    return;
  }
  std::vector<std::string> values;
  if (!reader.texts(key, values)) return;
  for (const auto& value : values) {
    if (const auto index = look_up(reader, key, value, names, what)) {
      mask = static_cast<Mask>(mask | (1u << *index));
    }
  }
}

// MapReader::error on an absent key has no node to place it by, so a missing
// key is reported on the mapping that lacks it, which has a line.
void report_missing(MapReader& reader, const std::string& key, const std::string& message) {
  reader.error("", "missing '" + key + "': " + message);
}

bool is_identifier(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// An optional date under `key`, as days from the scenario's start.
std::optional<double> read_date(MapReader& reader, const std::string& key, int start_day_number) {
  // MapReader::text reports a value that is not text and leaves its target
  // alone; the marker tells that case (already reported) from an empty date.
  const std::string not_text = "\n";
  std::string text = not_text;
  reader.text(key, text);
  if (!reader.has(key) || text == not_text) return std::nullopt;
  const auto day = parse_iso_date(text);
  if (!day) {
    reader.error(key, "expected a calendar date as YYYY-MM-DD, got '" + text + "'");
    return std::nullopt;
  }
  return static_cast<double>(*day - start_day_number);
}

std::string name_of(InterventionType type) {
  return std::string(intervention_type_names[static_cast<std::size_t>(type)]);
}
std::string name_of(CommissionedService service) {
  return std::string(commissioned_service_names[static_cast<std::size_t>(service)]);
}
std::string name_of(EffectKind effect) {
  return std::string(effect_kind_names[static_cast<std::size_t>(effect)]);
}

// "a discharge_to_assess intervention", "an admission_avoidance intervention".
std::string an_intervention(InterventionType type) {
  const std::string name = name_of(type);
  const bool vowel = name.find_first_of("aeiou") == 0;
  return (vowel ? "an " : "a ") + name + " intervention";
}

std::string date_text(double days_from_start, int start_day_number) {
  return format_iso_date(start_day_number + static_cast<int>(days_from_start));
}

// The effects a type may carry, for messages.
std::string allowed_effects(InterventionType type) {
  std::vector<std::string> allowed;
  for (std::size_t k = 0; k < effect_kind_count; ++k) {
    if (may_carry(type, static_cast<EffectKind>(k))) allowed.emplace_back(effect_kind_names[k]);
  }
  return join(allowed);
}

void read_target(MapReader& item, Intervention& intervention) {
  MapReader target = item.map("target");
  const Limits age_limits = Limits::between(0.0, 150.0, "years");
  target.number("min_age", intervention.target.min_age, age_limits);
  target.number("max_age", intervention.target.max_age, age_limits);
  if ((target.has("min_age") || target.has("max_age")) &&
      !(intervention.target.max_age > intervention.target.min_age)) {
    target.error("max_age", "expected max_age above min_age (ages are [min_age, max_age))");
  }
  read_name_mask(target, "frailty", frailty_names, "frailty level",
                 intervention.target.frailty_mask);
  read_name_mask(target, "conditions", condition_names, "condition",
                 intervention.target.condition_mask);
  std::uint8_t residence_mask = 0;  // bit i for target_settings[i]
  read_name_mask(target, "settings", target_setting_names, "setting (where a person lives)",
                 residence_mask);
  for (std::size_t i = 0; i < target_setting_count; ++i) {
    if ((residence_mask & (1u << i)) != 0) {
      intervention.target.setting_mask = static_cast<std::uint16_t>(
          intervention.target.setting_mask | setting_bit(target_settings[i]));
    }
  }
  // Enhanced health in care homes is for residents unless told otherwise.
  if (!target.has("settings") &&
      intervention.type == InterventionType::enhanced_health_in_care_homes) {
    intervention.target.setting_mask = setting_bit(Setting::care_home);
  }
  std::string care_need;
  target.text("min_care_need", care_need);
  if (!care_need.empty()) {
    if (const auto level = look_up(target, "min_care_need", care_need, care_need_names,
                                   "care need level")) {
      intervention.target.min_care_need = static_cast<CareNeed>(*level);
    }
  }
  target.finish();
}

void read_areas(MapReader& item, const std::vector<std::string>& area_names,
                Intervention& intervention) {
  if (!item.has("areas")) {
    item.accept("areas");
    return;
  }
  std::vector<std::string> areas;
  if (!item.texts("areas", areas)) return;
  for (const auto& area : areas) {
    if (std::find(area_names.begin(), area_names.end(), area) == area_names.end()) {
      std::string message = "unknown area '" + area + "'";
      const std::string suggestion = closest_match(area, area_names);
      if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
      message += " The scenario's areas: " + join(area_names);
      item.error("areas", message);
    }
  }
  intervention.areas = std::move(areas);
}

void read_timing(MapReader& item, int start_day_number, Intervention& intervention) {
  if (const auto start = read_date(item, "start", start_day_number)) {
    intervention.start_days = *start;
  }
  item.number("ramp_up_days", intervention.ramp_up_days, Limits::non_negative("days"));
  const auto end = read_date(item, "end", start_day_number);
  if (!end) return;
  if (!(*end > intervention.start_days)) {
    item.error("end", "the intervention ends on " + date_text(*end, start_day_number) +
                          ", which is not after its start on " +
                          date_text(intervention.start_days, start_day_number));
  } else if (!(*end > 0.0)) {
    item.error("end", "the intervention ends on " + date_text(*end, start_day_number) +
                          ", no later than the scenario start on " +
                          format_iso_date(start_day_number) +
                          ", so it would have no effect");
  } else {
    intervention.end_days = end;
  }
}

void read_capacity_change(MapReader& effect, Intervention& intervention) {
  MapReader change = effect.map("capacity_change");
  CapacityChange capacity;
  const auto fixed = fixed_capacity_service(intervention.type);
  std::string service;
  change.text("service", service);
  if (!service.empty()) {
    if (const auto index = look_up(change, "service", service, commissioned_service_names,
                                   "service")) {
      capacity.service = static_cast<CommissionedService>(*index);
      if (fixed && capacity.service != *fixed) {
        change.error("service", an_intervention(intervention.type) + " changes " +
                                    name_of(*fixed) + " capacity only, got '" + service + "'");
      }
    }
  } else if (fixed) {
    capacity.service = *fixed;
  } else {
    report_missing(change, "service", "expected the service whose capacity changes: one of " +
                                          join(to_strings(commissioned_service_names)));
  }
  if (!change.has("relative")) {
    report_missing(change, "relative",
                   "expected the relative change of capacity, from -0.9 to +10 (+0.28 is 28% "
                   "more)");
  }
  change.number("relative", capacity.relative,
                Limits::between(-0.9, 10.0, "relative change of capacity"));
  change.finish();
  intervention.effect.capacity_change = capacity;
}

void read_effect(MapReader& item, Intervention& intervention) {
  const std::string kind_of_intervention = an_intervention(intervention.type);
  if (!item.has("effect")) {
    report_missing(item, "effect",
                   "every intervention needs an effect; " + kind_of_intervention +
                       " may carry: " + allowed_effects(intervention.type));
  }
  MapReader effect = item.map("effect");
  bool carries_any = false;
  for (std::size_t k = 0; k < effect_kind_count; ++k) {
    const auto kind = static_cast<EffectKind>(k);
    const std::string key = name_of(kind);
    if (!effect.has(key)) {
      effect.accept(key);  // absent: no effect of this kind
      continue;
    }
    if (!may_carry(intervention.type, kind)) {
      effect.error(key, kind_of_intervention + " cannot carry " + key +
                            "; it may carry: " + allowed_effects(intervention.type));
      effect.accept(key);
      continue;
    }
    carries_any = true;
    switch (kind) {
      case EffectKind::admission_hazard_ratio:
        effect.number(key, intervention.effect.admission_hazard_ratio,
                      {0.0, 10.0, true, "hazard ratio"});
        break;
      case EffectKind::length_of_stay_ratio:
        effect.number(key, intervention.effect.length_of_stay_ratio,
                      {0.0, 10.0, true, "ratio of lengths of stay"});
        break;
      case EffectKind::discharge_delay_ratio:
        effect.number(key, intervention.effect.discharge_delay_ratio,
                      Limits::between(0.0, 10.0, "ratio of waits"));
        break;
      case EffectKind::capacity_change:
        read_capacity_change(effect, intervention);
        break;
    }
  }
  if (item.has("effect")) {
    const auto required = required_effect(intervention.type);
    if (required && !effect.has(name_of(*required))) {
      effect.error("", kind_of_intervention + " needs " + name_of(*required));
    } else if (!carries_any) {
      effect.error("", kind_of_intervention + " needs at least one of: " +
                           allowed_effects(intervention.type));
    }
  }
  effect.finish();
}

void read_cost(MapReader& item, Intervention& intervention) {
  item.number("cost_per_year", intervention.cost.per_year,
              Limits::non_negative("pounds a year per area covered, at full population scale"));
  item.number("cost_per_person_per_year", intervention.cost.per_person_per_year,
              Limits::non_negative("pounds a year per person in the target group"));
  item.flag("cost_follows_ramp_up", intervention.cost.follows_ramp_up);
  std::string payer;
  item.text("payer", payer);
  if (!payer.empty()) {
    if (const auto index = look_up(item, "payer", payer, payer_names, "payer")) {
      intervention.cost.payer = static_cast<Payer>(*index);
    }
  } else if (!item.has("payer") &&
             (item.has("cost_per_year") || item.has("cost_per_person_per_year"))) {
    report_missing(item, "payer", "an intervention with a cost needs the payer who bears it: "
                                  "one of " + join(to_strings(payer_names)));
  }
}

}  // namespace

std::vector<Intervention> read_interventions(MapReader& scenario_root,
                                             const std::vector<std::string>& area_names,
                                             int start_day_number) {
  std::vector<Intervention> interventions;
  scenario_root.each_map("interventions", [&](MapReader& item, std::size_t) {
    Intervention intervention;
    item.text("name", intervention.name);
    if (!item.has("name")) {
      report_missing(item, "name", "every intervention needs a name of lower-case letters, "
                                   "digits and _ (results report it as roi_<name>)");
    } else if (!intervention.name.empty() && !is_identifier(intervention.name)) {
      item.error("name", "expected lower-case letters, digits and _ only (results report it as "
                         "roi_<name>), got '" + intervention.name + "'");
    } else {
      for (const auto& other : interventions) {
        if (!intervention.name.empty() && other.name == intervention.name) {
          item.error("name", "intervention name '" + intervention.name + "' is used twice");
        }
      }
    }
    item.text("source", intervention.source);

    std::string type;
    item.text("type", type);
    std::optional<std::size_t> type_index;
    if (!item.has("type")) {
      report_missing(item, "type", "every intervention needs a type: one of " +
                                       join(to_strings(intervention_type_names)));
    } else if (!type.empty()) {
      type_index = look_up(item, "type", type, intervention_type_names, "intervention type");
    }
    if (type_index) {
      intervention.type = static_cast<InterventionType>(*type_index);
      read_effect(item, intervention);
    } else {
      item.accept("effect");  // cannot be checked without a type
    }

    read_target(item, intervention);
    read_areas(item, area_names, intervention);
    read_timing(item, start_day_number, intervention);
    read_cost(item, intervention);
    interventions.push_back(std::move(intervention));
  });
  return interventions;
}

}  // namespace hcsim::models
