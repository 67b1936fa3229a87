#include "models/delay_responsibility.hpp"

namespace hcsim::models {

std::optional<ResponsibleParty> parse_responsible_party(std::string_view name) {
  for (std::size_t p = 0; p < responsible_party_count; ++p) {
    if (responsible_party_names[p] == name) return static_cast<ResponsibleParty>(p);
  }
  return std::nullopt;
}

}  // namespace hcsim::models
