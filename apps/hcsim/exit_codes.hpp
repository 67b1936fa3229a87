#pragma once
// hcsim's documented exit statuses.
namespace hcsim::app {

inline constexpr int exit_success = 0;
inline constexpr int exit_bad_input = 2;        // file, YAML, key, value or option
inline constexpr int exit_runtime_failure = 3;  // output not writable, numerical failure
inline constexpr int exit_interrupted = 130;    // SIGINT or SIGTERM

}  // namespace hcsim::app
