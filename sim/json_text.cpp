#include "sim/json_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace hcsim::sim {

std::string json_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char character : text) {
    const auto c = static_cast<unsigned char>(character);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += character;
        }
    }
  }
  return out;
}

std::string json_number(double value) {
  if (!std::isfinite(value)) return "null";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string json_quoted(const std::string& text) { return "\"" + json_escape(text) + "\""; }

}  // namespace hcsim::sim
