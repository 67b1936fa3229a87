#pragma once
// The two pieces every JSON writer in hcsim needs: a string literal's escaping
// and a number written so that it reads back to the same double.
#include <string>

namespace hcsim::sim {

// Escapes text for a JSON string literal (without the quotes).
[[nodiscard]] std::string json_escape(const std::string& text);
// The text as a JSON string literal, quotes included.
[[nodiscard]] std::string json_quoted(const std::string& text);
// A finite double in the shortest form that reads back to the same value;
// "null" for NaN and infinities, which JSON cannot hold.
[[nodiscard]] std::string json_number(double value);

}  // namespace hcsim::sim
