// libFuzzer target for the scenario loader and the --set override parser.
//
// Input: the first line is a --set assignment (key.path=value), the rest is a
// scenario document. Every outcome must be either a loaded scenario or an
// InputError; anything else (another exception, a crash, a hang, a sanitizer
// report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "models/input_error.hpp"
#include "models/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  hcsim::models::ScenarioOverrides overrides;
  std::string document = input;
  if (newline != std::string::npos) {
    const std::string first = input.substr(0, newline);
    if (first.find('=') != std::string::npos) {
      overrides.set.push_back(first);
      document = input.substr(newline + 1);
    }
  }
  try {
    (void)hcsim::models::parse_scenario(document, "fuzz.yaml", overrides);
  } catch (const hcsim::models::InputError&) {
    // Refused cleanly: the expected outcome for most inputs.
  }
  return 0;
}
