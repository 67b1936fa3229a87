#pragma once
// Counter-based random streams (Philox4x64-10 from Random123).
//
// The Philox key is (master seed, replication). The counter is
// (subject, purpose, draw index, block): the subject is who draws (the model
// packs area and person into it), the purpose says what the draw is for, and
// the draw index says which draw of that purpose this is (the third admission,
// say). The block word counts 256-bit blocks inside one draw, for
// distributions that consume several words (rejection samplers).
//
// Because a draw is addressed rather than taken from a shared sequence, the
// same person gets the same numbers for the same purpose in every scenario
// (common random numbers), and no draw depends on thread or rank.
//
// RandomStream satisfies UniformRandomBitGenerator, so Boost.Random
// distributions run directly on it.
#include <Random123/philox.h>

#include <cstdint>
#include <limits>

namespace hcsim::sim {

class RandomStream {
 public:
  using result_type = std::uint64_t;
  using Philox = r123::Philox4x64;

  RandomStream(Philox::key_type key, std::uint64_t subject, std::uint64_t purpose,
               std::uint64_t draw) noexcept
      : key_(key) {
    counter_ = {{subject, purpose, draw, 0}};
  }

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept {
    return std::numeric_limits<result_type>::max();
  }

  result_type operator()() noexcept {
    if (next_ == block_.size()) refill();
    return block_[next_++];
  }

 private:
  void refill() noexcept {
    block_ = Philox{}(counter_, key_);
    counter_[3] += 1;
    next_ = 0;
  }

  Philox::key_type key_;
  Philox::ctr_type counter_;
  Philox::ctr_type block_{};
  std::size_t next_ = 4;  // empty: first call computes block 0
};

// Hands out streams for one (seed, replication).
class RandomStreams {
 public:
  RandomStreams(std::uint64_t seed, std::uint64_t replication) noexcept {
    key_ = {{seed, replication}};
  }

  [[nodiscard]] RandomStream stream(std::uint64_t subject, std::uint64_t purpose,
                                    std::uint64_t draw) const noexcept {
    return RandomStream(key_, subject, purpose, draw);
  }

 private:
  RandomStream::Philox::key_type key_;
};

}  // namespace hcsim::sim
